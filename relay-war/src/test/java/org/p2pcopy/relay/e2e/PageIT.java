package org.p2pcopy.relay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The relay's page in a real headless Chromium, served by the packaged relay.war in Payara Micro:
 * it loads, its script runs, the console stays clean, and it fits a phone's screen. Each test has a
 * browser of its own.
 */
class PageIT extends RelayAndTree {
    private Browser browser;

    @BeforeAll
    static void startRelay() throws Exception {
        // Without the browser every test is skipped (Browser.start), and the relay is not needed.
        if (Browser.installed()) {
            start(0);
        }
    }

    @BeforeEach
    void startBrowser() throws Exception {
        browser = Browser.start(work);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void thePageLoadsAndNamesThisRelayInItsExamples() {
        for (String path : List.of("/", "/index.html")) {
            browser.open(relay.httpBase() + path);
            assertEquals("p2p-copy", browser.driver().getTitle(), path);
            assertEquals("p2p-copy relay", browser.driver().findElement(By.tagName("h1")).getText(), path);
            // app.js replaced the placeholders with the page's own origin, as a user would type it.
            for (String id : List.of("relay", "relay2")) {
                assertEquals(relay.httpBase(), browser.driver().findElement(By.id(id)).getText(), path + " #" + id);
            }
        }
        browser.assertNoConsoleErrors();
    }

    @Test
    void thePageFitsAPhoneScreenWithoutScrollingSideways() {
        browser.resizeTo(Browser.PHONE_WIDTH, 800);
        browser.open(relay.httpBase() + "/");
        assertEquals(Browser.PHONE_WIDTH, ((Number) browser.script("return window.innerWidth")).intValue(),
                "the viewport is not a phone's width");
        long scrollWidth = ((Number) browser.script("return document.documentElement.scrollWidth")).longValue();
        long clientWidth = ((Number) browser.script("return document.documentElement.clientWidth")).longValue();
        assertTrue(scrollWidth <= clientWidth,
                "at " + Browser.PHONE_WIDTH + " px the page is " + scrollWidth + " px wide and scrolls sideways");
        assertEquals(relay.httpBase(), browser.driver().findElement(By.id("relay")).getText());
        browser.assertNoConsoleErrors();
    }
}
