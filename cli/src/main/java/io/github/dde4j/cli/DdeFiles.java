package io.github.dde4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dde4j.dde.Dde;

import java.io.IOException;

/** A DDE as one JSON document (for checkpoints): its description plus its parameters. */
final class DdeFiles {

    private DdeFiles() {
    }

    static byte[] toBytes(Dde dde) throws IOException {
        ObjectNode n = DdeSupport.describe(dde);
        ArrayNode p = n.putArray("parameters");
        for (double v : dde.network().parameters()) {
            p.add(v);
        }
        return Json.MAPPER.writeValueAsBytes(n);
    }

    static Dde fromBytes(byte[] bytes) throws IOException {
        JsonNode n = Json.MAPPER.readTree(bytes);
        JsonNode p = n.get("parameters");
        double[] params = new double[p.size()];
        for (int i = 0; i < params.length; i++) {
            params[i] = p.get(i).asDouble();
        }
        return DdeSupport.rebuild(n, params);
    }
}
