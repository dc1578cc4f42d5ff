package io.sipfront.daemon.ctl;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * A command that calls the admin API: parses the common options, finds the API, and turns the outcomes into exit
 * codes: unreachable daemon or bad usage 2, an API refusal 1 (its JSON error printed), success 0.
 */
abstract class ApiCommand implements CtlCommand {
    /** Where {@code SIPFRONT_TOKEN} is read: the process environment, or a test's. */
    private java.util.function.UnaryOperator<String> env = System::getenv;

    ApiCommand environment(java.util.function.UnaryOperator<String> env) {
        this.env = env;
        return this;
    }

    @Override
    public final int run(String[] args, PrintStream out, PrintStream err) {
        String name = args[0];
        try {
            ApiOptions options = ApiOptions.parse(Arrays.asList(args).subList(1, args.length));
            checkWords(options.words());
            AdminClient client = new AdminClient(ApiTarget.resolve(options, env, err));
            AdminClient.Reply reply = call(client, options);
            if (!isAnswer(reply.status())) {
                err.println(reply.body().strip());
                if (reply.status() == 401 && client.target().tokenProblem() != null) {
                    err.println("sipfront ctl: " + client.target().tokenProblem());
                }
                return 1;
            }
            return show(reply, options, out, err);
        } catch (UsageException e) {
            err.println("sipfront ctl " + name + ": " + e.getMessage());
            return 2;
        } catch (AdminClient.Unreachable e) {
            err.println("sipfront ctl " + name + ": " + e.getMessage());
            return 2;
        }
    }

    /** One JSON reader for every command's output. */
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Most commands take no positional words; those that do override this.
     *
     * @throws UsageException when the positional words are wrong for this command
     */
    void checkWords(List<String> words) throws UsageException {
        expectWords(words, 0, "no arguments");
    }

    abstract AdminClient.Reply call(AdminClient client, ApiOptions options) throws AdminClient.Unreachable;

    /** Statuses this command shows itself; any other is a refusal. */
    boolean isAnswer(int status) {
        return status >= 200 && status < 300;
    }

    /** Prints an answer; returns the exit code. */
    int show(AdminClient.Reply reply, ApiOptions options, PrintStream out, PrintStream err) {
        out.println(reply.body().strip());
        return 0;
    }

    static void expectWords(List<String> words, int count, String form) throws UsageException {
        if (words.size() != count) {
            throw new UsageException("expected " + form + ", got " + (words.isEmpty() ? "nothing" : String.join(" ",
                    words)));
        }
    }
}
