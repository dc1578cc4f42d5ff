package io.sipfront.normalization.store;

import io.sipfront.normalization.config.NumberingPlan;
import java.util.Map;

/**
 * Where numbering plans live. Calls block (disk or network): never call from a SIP lane; the rule cache calls from
 * its own small executor and the CLI and admin API from their own threads.
 */
public interface RuleStore extends AutoCloseable {
    /** Every carrier's plan. */
    Map<String, NumberingPlan> loadAll() throws StoreException;

    /** Replaces one carrier's plan (settings and all rules) in one transaction. */
    void save(NumberingPlan plan) throws StoreException;

    /** Saves each plan whose carrier has none yet; plans already stored are left alone. */
    void seedMissing(Iterable<NumberingPlan> plans) throws StoreException;

    /** A number that changes whenever any plan changes, cheap enough to poll every half second. */
    long changeVersion() throws StoreException;

    /** Short description for logs and health, e.g. {@code sqlite data/numbering.db}. */
    String describe();

    @Override
    void close();
}
