package io.github.dde4j.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableSchemaTest {

    @TempDir
    Path dir;

    private static void assertTypes(TableSchema s, Map<String, ColumnType> expected) {
        for (var e : expected.entrySet()) {
            assertEquals(e.getValue(), s.column(e.getKey()).type(), e.getKey());
        }
        assertEquals(expected.size(), s.columns().size());
    }

    @Test
    void detectsTheTypesOfTheThreeTables() throws IOException {
        TableSchema penguins = TableSchema.detect(Tables.fixture("penguins-full"), null);
        assertTypes(penguins, Map.of("species", ColumnType.CATEGORICAL, "island", ColumnType.CATEGORICAL,
                "beak_length_mm", ColumnType.NUMERICAL, "beak_depth_mm", ColumnType.NUMERICAL,
                "flipper_length_mm", ColumnType.NUMERICAL, "body_mass_g", ColumnType.NUMERICAL, "sex", ColumnType.CATEGORICAL));
        assertEquals(List.of("FEMALE", "MALE"), penguins.column("sex").categories());
        assertEquals(1, penguins.column("body_mass_g").decimals());
        assertEquals("2700.0", penguins.column("body_mass_g").min());
        assertEquals("6300.0", penguins.column("body_mass_g").max());

        TableSchema cars = TableSchema.detect(Tables.fixture("cars"), null);
        assertTypes(cars, Map.of("Name", ColumnType.IDENTIFIER, "Miles_per_Gallon", ColumnType.NUMERICAL,
                "Cylinders", ColumnType.CATEGORICAL, "Displacement", ColumnType.NUMERICAL, "Horsepower", ColumnType.NUMERICAL,
                "Weight_in_lbs", ColumnType.INTEGER, "Acceleration", ColumnType.NUMERICAL, "Year", ColumnType.INTEGER,
                "Origin", ColumnType.CATEGORICAL));
        assertEquals(List.of("3", "4", "5", "6", "8"), cars.column("Cylinders").categories());

        TableSchema weather = TableSchema.detect(Tables.fixture("seattle-weather"), null);
        assertTypes(weather, Map.of("date", ColumnType.DATE, "precipitation", ColumnType.NUMERICAL,
                "temp_max", ColumnType.NUMERICAL, "temp_min", ColumnType.NUMERICAL, "wind", ColumnType.NUMERICAL,
                "weather", ColumnType.CATEGORICAL));
        assertEquals("uuuu-MM-dd", weather.column("date").format());
        assertEquals("2012-01-01", weather.column("date").min());
    }

    @Test
    void detectsOtherDateFormatsBooleansAndDatetimes() {
        StringBuilder csv = new StringBuilder("day,when,ok,n\n");
        for (int i = 1; i <= 25; i++) {
            csv.append(String.format("%02d/%02d/2021,2021-03-%02d 14:%02d,%s,%d%n", 1 + i % 12, i, i, i, i % 2 == 0 ? "Yes" : "no", i));
        }
        TableSchema s = TableSchema.detect(Tables.csv(csv.toString()), null);
        assertEquals(ColumnType.DATE, s.column("day").type());
        assertEquals("MM/dd/uuuu", s.column("day").format());
        assertEquals(ColumnType.DATETIME, s.column("when").type());
        assertEquals("uuuu-MM-dd HH:mm", s.column("when").format());
        assertEquals(ColumnType.BOOLEAN, s.column("ok").type());
        assertEquals(List.of("Yes", "no"), s.column("ok").categories());
        assertEquals(ColumnType.INTEGER, s.column("n").type());
        // day-first dates are found when month-first ones fail (a day above 12)
        TableSchema dayFirst = TableSchema.detect(Tables.csv("d\n13/01/2020\n01/02/2020\n"), null);
        assertEquals("dd/MM/uuuu", dayFirst.column("d").format());
    }

    @Test
    void metadataOverridesDetectionInJsonAndYaml() throws IOException {
        Path json = dir.resolve("meta.json");
        Files.writeString(json, "{\"missing\": [\"NA\"], \"columns\": {\"Cylinders\": {\"type\": \"integer\"},"
                + " \"Year\": {\"min\": 1960, \"max\": 1990}, \"Name\": {\"type\": \"categorical\"}}}");
        TableSchema s = TableSchema.detect(Tables.fixture("cars"), TableMetadata.read(json));
        assertEquals(ColumnType.INTEGER, s.column("Cylinders").type());
        assertEquals("1960", s.column("Year").min());
        assertEquals("1990", s.column("Year").max());
        assertEquals(ColumnType.CATEGORICAL, s.column("Name").type());
        assertEquals(List.of("NA"), s.missingTokens());

        Path yaml = dir.resolve("meta.yaml");
        Files.writeString(yaml, "missing: [NA, 'null']\ncolumns:\n  x:\n    type: numerical\n    decimals: 2\n");
        TableSchema t = TableSchema.detect(Tables.csv("x,y\n1.5,a\nNA,b\nnull,a\n2,b\n"), TableMetadata.read(yaml));
        assertEquals(ColumnType.NUMERICAL, t.column("x").type());
        assertEquals(2, t.column("x").decimals());
        assertTrue(t.isMissing(" NA "));
        assertTrue(t.isMissing(""));
    }

    @Test
    void badInputGetsOneLineNamingTheColumn() throws IOException {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> TableSchema.detect(Tables.csv("a,b\n1,\n2, \n"), null));
        assertEquals("column 'b': every cell is empty (missing); drop the column", empty.getMessage());

        TableMetadata unknownColumn = new TableMetadata(null, Map.of("c", new TableMetadata.Column(ColumnType.INTEGER, null, null, null, null, null)));
        assertEquals("metadata names column 'c', which the table lacks; columns: a, b", assertThrows(IllegalArgumentException.class,
                () -> TableSchema.detect(Tables.csv("a,b\n1,x\n"), unknownColumn)).getMessage());

        TableMetadata impossible = new TableMetadata(null, Map.of("b", new TableMetadata.Column(ColumnType.INTEGER, null, null, null, null, null)));
        assertEquals("column 'b': type integer, but row 2 has '2.5'", assertThrows(IllegalArgumentException.class,
                () -> TableSchema.detect(Tables.csv("a,b\n1,3\n2,2.5\n"), impossible)).getMessage());

        TableMetadata narrow = new TableMetadata(null, Map.of("a", new TableMetadata.Column(null, null, null, null, "2", null)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TableSchema.detect(Tables.csv("a\n1\n3\n"), narrow))
                .getMessage().startsWith("column 'a': metadata min 2 excludes the value 1"));

        Path badType = dir.resolve("bad.json");
        Files.writeString(badType, "{\"columns\": {\"a\": {\"type\": \"money\"}}}");
        String m = assertThrows(IllegalArgumentException.class, () -> TableMetadata.read(badType)).getMessage();
        assertTrue(m.startsWith("metadata file " + badType) && m.contains("unknown column type 'money'"), m);
        assertEquals(1, m.lines().count());

        Path badKey = dir.resolve("bad.yaml");
        Files.writeString(badKey, "columns:\n  a:\n    kind: integer\n");
        m = assertThrows(IllegalArgumentException.class, () -> TableMetadata.read(badKey)).getMessage();
        assertTrue(m.startsWith("metadata file " + badKey + ": unknown key 'kind'"), m);

        TableMetadata twoValuedBoolean = new TableMetadata(null, Map.of("a", new TableMetadata.Column(ColumnType.BOOLEAN, null, null, null, null, null)));
        assertEquals("column 'a': type boolean, but it has 3 values: x, y, z", assertThrows(IllegalArgumentException.class,
                () -> TableSchema.detect(Tables.csv("a\nx\ny\nz\n"), twoValuedBoolean)).getMessage());
    }

    @Test
    void schemaRoundTripsThroughJackson() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String t : List.of("penguins-full", "cars", "seattle-weather")) {
            TableSchema s = TableSchema.detect(Tables.fixture(t), null);
            String text = json.writeValueAsString(s);
            assertEquals(s, json.readValue(text, TableSchema.class), t);
            assertTrue(text.contains("\"type\":\"numerical\""), text);
        }
    }
}
