package io.github.dde4j.core.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Draws of NumPy 1.24.2's default_rng(0), printed by
 * {@code r = numpy.random.default_rng(0); r.random(3); r.uniform(2.5, 7.0, 2);
 * r.choice(['a','b','c'], 5); r.random(1); r.choice(['a','b','c','d','e'], 3)}, in that order
 * (the choices exercise the 32-bit halves NumPy keeps between calls).
 */
class NumpyGeneratorTest {

    @Test
    void reproducesNumpysDefaultGenerator() {
        NumpyGenerator g = new NumpyGenerator(0);
        assertEquals(0.6369616873214543, g.nextDouble(), 0.0);
        assertEquals(0.2697867137638703, g.nextDouble(), 0.0);
        assertEquals(0.04097352393619469, g.nextDouble(), 0.0);
        assertEquals(2.574374359878381, g.uniform(2.5, 7.0), 0.0);
        assertEquals(6.159716076401226, g.uniform(2.5, 7.0), 0.0);
        int[] abc = new int[5];
        for (int i = 0; i < abc.length; i++) {
            abc[i] = g.index(3);
        }
        assertArrayEquals(new int[] {1, 2, 1, 1, 2}, abc); // b c b b c
        assertEquals(0.5436249914654229, g.nextDouble(), 0.0);
        int[] five = {g.index(5), g.index(5), g.index(5)};
        assertArrayEquals(new int[] {3, 2, 4}, five); // d c e
    }
}
