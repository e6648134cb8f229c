package io.github.dde4j.cli;

import io.github.dde4j.dde.Dde;

import java.io.IOException;

/** The DDE part of a model file, in the dde module's own archive format. */
final class DdeFiles {

    private DdeFiles() {
    }

    static byte[] toBytes(Dde dde) throws IOException {
        throw new UserException("saving a DDE is not available in this build");
    }

    static Dde fromBytes(byte[] bytes) throws IOException {
        throw new UserException("reading a DDE is not available in this build");
    }
}
