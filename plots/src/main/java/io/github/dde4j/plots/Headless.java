package io.github.dde4j.plots;

/** Switches AWT to headless mode before the first AWT class needs a display. */
final class Headless {

    private Headless() {
    }

    static void ensure() {
        // Respect an explicit choice by the caller; otherwise a server/CI/kernel has no display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
