package org.p2pcopy.relay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The relay as the Arquillian tests deploy it: the production classes, web.xml and page. */
final class RelayDeployment {
    private static final Path CLASSES = Path.of("target/classes");
    private static final Path WEB_XML = Path.of("src/main/webapp/WEB-INF/web.xml");
    /** The page's script, built by the web module into a jar that is on the test class path. */
    private static final String PAGE_SCRIPT = "META-INF/resources/app.js";

    private RelayDeployment() {
    }

    /** The WAR with the production web.xml. */
    static WebArchive war() {
        return war(read(WEB_XML));
    }

    /**
     * The WAR with the production web.xml, but with these settings (RelaySettings' names), as an
     * operator sets them there. Each must be declared in web.xml already, so that a renamed
     * setting cannot leave a test running silently with the default.
     */
    static WebArchive warWith(Map<String, String> settings) {
        String webXml = read(WEB_XML);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            Pattern param = Pattern.compile("(<param-name>" + Pattern.quote(setting.getKey())
                    + "</param-name>\\s*<param-value>)[^<]*(</param-value>)");
            assertTrue(param.matcher(webXml).find(), "web.xml does not declare " + setting.getKey());
            webXml = param.matcher(webXml).replaceFirst("$1" + Matcher.quoteReplacement(setting.getValue()) + "$2");
        }
        return war(webXml);
    }

    private static WebArchive war(String webXml) {
        // The compiled production classes as they are, not addPackage(): the tests share their package.
        JavaArchive classes = ShrinkWrap.create(ExplodedImporter.class, "classes")
                .importDirectory(CLASSES.toFile())
                .as(JavaArchive.class);
        // ROOT.war: Payara Micro serves it at "/", as the relay is deployed in production.
        return ShrinkWrap.create(WebArchive.class, "ROOT.war")
                .merge(classes, "/WEB-INF/classes")
                .setWebXML(new StringAsset(webXml))
                .addAsLibrary(page());
    }

    /**
     * The page as the WAR carries it: the web module's jar, whose META-INF/resources/ the server
     * serves at the context root. A build that stops before {@code package} has only its classes.
     */
    private static JavaArchive page() {
        try {
            List<URL> found = Collections.list(RelayDeployment.class.getClassLoader().getResources(PAGE_SCRIPT));
            if (found.size() != 1) {
                throw new IllegalStateException("expected the page's " + PAGE_SCRIPT + " once on the test class path: " + found);
            }
            URL script = found.get(0);
            if (script.getProtocol().equals("jar")) {
                File jar = new File(((JarURLConnection) script.openConnection()).getJarFileURL().toURI());
                return ShrinkWrap.createFromZipFile(JavaArchive.class, jar);
            }
            Path root = Path.of(script.toURI()).resolve("../../..").normalize();
            return ShrinkWrap.create(ExplodedImporter.class, "p2p-copy-web.jar")
                    .importDirectory(root.toFile())
                    .as(JavaArchive.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The relay's WebSocket address for a path below {@code /relay/}, e.g. {@code v1/7/send}. */
    static URI endpoint(URL base, String path) {
        return URI.create(httpBase(base).replaceFirst("^http", "ws") + "/relay/" + path);
    }

    /** The endpoint of a role in a room, e.g. {@code /relay/v1/ROOM/send}. */
    static URI endpoint(URL base, String room, String role) {
        return endpoint(base, "v1/" + room + "/" + role);
    }

    /** A room of its own for each test, so that one failing test cannot disturb the next. */
    static String freshRoom() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * The base URL as a user would type it for the client, without a trailing slash. Payara Micro
     * reports the machine's address, but the tests make it listen on loopback only (pom.xml).
     */
    static String httpBase(URL base) {
        try {
            URI loopback = new URI(base.getProtocol(), null, "127.0.0.1", base.getPort(), base.getPath(), null, null);
            return loopback.toString().replaceFirst("/+$", "");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(base.toString(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
