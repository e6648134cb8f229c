package io.github.dde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityCommandTest {

    @TempDir
    Path dir;

    private String[] cars(String... more) {
        List<String> args = new ArrayList<>(List.of("quality",
                "--real", Cli.fixture("/reference/quality/cars-real.csv", dir).toString(),
                "--synthetic", Cli.fixture("/reference/quality/cars-synthetic.csv", dir).toString(),
                "--holdout", Cli.fixture("/reference/quality/cars-holdout.csv", dir).toString()));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    /** --json has the reference's keys and values (the library's exactness is tested in core). */
    @Test
    void jsonHasTheReferenceKeysAndValues() throws IOException {
        Cli.Result r = Cli.run(cars("--json")).assertOk();
        JsonNode got = new ObjectMapper().readTree(r.out());
        JsonNode expected = new ObjectMapper().readTree(getClass().getResourceAsStream("/reference/quality/cars-expected.json"));
        List<String> gotKeys = new ArrayList<>();
        got.fieldNames().forEachRemaining(gotKeys::add);
        List<String> expectedKeys = new ArrayList<>();
        expected.fieldNames().forEachRemaining(expectedKeys::add);
        assertEquals(expectedKeys, gotKeys);
        assertEquals(expected.get("overall_score").asDouble(), got.get("overall_score").asDouble(), 1e-9);
        assertEquals(expected.get("column_types"), got.get("column_types")); // Name is left out as an identifier
    }

    @Test
    void printsTheScores() {
        Cli.Result r = Cli.run(cars()).assertOk();
        assertTrue(r.out().contains("overall score                0.893"), r.out());
        assertTrue(r.out().contains("DCR overfitting protection"), r.out());
        assertTrue(r.out().contains("ignored (identifiers): Name"), r.out());
    }

    /** One self-contained file: a picture per scored column and the correlation matrices, all inline. */
    @Test
    void htmlReportIsOneFileWithInlinePictures() throws IOException {
        Path page = dir.resolve("report.html");
        String html = writePage(page);
        List<String> alts = firstGroups(html, "<img alt=\"([^\"]*)\" width=\"\\d+\" src=\"data:image/png;base64,");
        assertEquals(List.of("Miles_per_Gallon", "Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration",
                "Year", "Origin", "correlations"), alts);
        assertFalse(html.contains("src=\"http") || html.contains("href="), "nothing outside the file");
        assertTrue(html.contains("<td>DCR overfitting protection</td>"));
        keepForLooking(page);
    }

    @Test
    void markdownReportHasItsPngsBesideIt() throws IOException {
        String md = writePage(dir.resolve("cars-report.md"));
        List<String> pictures = firstGroups(md, "!\\[[^]]*]\\(([^)]+)\\)");
        for (String picture : pictures) {
            Path png = dir.resolve(picture);
            byte[] head = Files.readAllBytes(png);
            assertTrue(head.length > 1000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G', png.toString());
        }
        assertEquals(9, pictures.size());
        assertTrue(md.contains("| overall score | 0.893 |"), md);
    }

    /** Runs the report on the cars tables with {@code --out page} and returns the page's text. */
    private String writePage(Path page) throws IOException {
        Cli.run(cars("--out", page.toString())).assertOk();
        return Files.readString(page);
    }

    /** Group 1 of every match of {@code regex} in {@code text}, in order. */
    private static List<String> firstGroups(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> groups = new ArrayList<>();
        while (m.find()) {
            groups.add(m.group(1));
        }
        return groups;
    }

    @Test
    void badInputGetsOneLine() throws IOException {
        Path other = Cli.write(dir, "other.csv", "a,b\n1,2\n3,4\n");
        Cli.run("quality", "--real", Cli.fixture("/reference/quality/cars-real.csv", dir).toString(), "--synthetic", other.toString())
                .assertOneLineError(1, "the synthetic table's columns (a, b) differ");
        Cli.run("quality", "--real", dir.resolve("missing.csv").toString(), "--synthetic", other.toString())
                .assertOneLineError(1, "missing.csv");
        Path meta = Cli.write(dir, "meta.json", "{\"columns\": {\"Colour\": {\"type\": \"categorical\"}}}");
        Cli.run(cars("--metadata", meta.toString())).assertOneLineError(1, "metadata names column 'Colour'");
        Path empty = Cli.write(dir, "empty-col.csv", "a,b\n1,\n2,\n");
        Cli.run("quality", "--real", empty.toString(), "--synthetic", empty.toString())
                .assertOneLineError(1, "column 'b': every cell is empty");
        usageError(Cli.run(cars("--out", dir.resolve("report.txt").toString())), "--out must end in .html or .md");
        usageError(Cli.run(cars("--seed", "-1")), "--seed must be in 0..4294967295");
        assertFalse(Files.exists(dir.resolve("report.txt")));
    }

    /** Exit 2, the message on the first line of standard error, then the hint to --help. */
    private static void usageError(Cli.Result r, String fragment) {
        assertEquals(2, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertTrue(lines[0].contains(fragment), r.err());
        assertEquals("Try 'dde4j quality --help' for usage.", lines[lines.length - 1]);
    }

    /** A copy of a rendered page under target/, to look at (the test directory is deleted). */
    private static void keepForLooking(Path page) throws IOException {
        Path keep = Path.of("target", "quality-pages");
        Files.createDirectories(keep);
        Files.copy(page, keep.resolve(page.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
