package io.sipfront.core.auth;

/**
 * Where the CSeq offsets of {@link DialogCseq} are shared with the other node of a pair (through Redis). Called on
 * lanes: implementations queue and return at once, and answer {@link #remote} from memory.
 */
public interface CseqShare {
    /** This node shifted a dialog's numbers by {@code offset}. */
    void changed(String key, int offset);

    /** A dialog's offset is gone (BYE, expiry, failed attempt). */
    void removed(String key);

    /** The offset the peer shared for {@code key}, or 0. */
    int remote(String key);

    /** One node, no sharing. */
    CseqShare NONE = new CseqShare() {
        @Override
        public void changed(String key, int offset) {
        }

        @Override
        public void removed(String key) {
        }

        @Override
        public int remote(String key) {
            return 0;
        }
    };
}
