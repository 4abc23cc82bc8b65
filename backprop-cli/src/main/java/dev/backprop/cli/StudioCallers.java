package dev.backprop.cli;

import com.sun.net.httpserver.Headers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which requests the studio server answers: those addressed to it by a name that is its own, from its own page or a
 * program, never from a page of another site. The page drives a training run, so another site's page must not reach
 * it, neither directly (its browser names its origin) nor through a name of its own made to resolve here (DNS
 * rebinding, which only the Host header shows).
 */
final class StudioCallers {
    /** A Host header's name written as an IPv4 address. */
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final InetSocketAddress bound;

    /** @param bound the address and port the server listens on */
    StudioCallers(InetSocketAddress bound) {
        this.bound = bound;
    }

    /**
     * Why a request is not answered, or null when it is.
     *
     * @param headers the request's headers
     * @param url     the page's address, for the message
     * @return the reason for a 403, or null
     */
    String refusal(Headers headers, String url) {
        if (!addressedHere(headers.getFirst("Host"))) {
            return "this server answers only requests to " + url;
        }
        String origin = headers.getFirst("Origin");
        String site = headers.getFirst("Sec-Fetch-Site");
        if (!fromOwnPage(origin, site, headers.getFirst("Host"))) {
            return "this server answers only its own page, not one of another site ("
                    + (origin != null ? origin : "Sec-Fetch-Site: " + site) + ")";
        }
        return null;
    }

    /**
     * Whether {@code host} names this server. Bound to this machine only: 127.0.0.1, localhost or [::1] and the
     * port. Bound to a network address: any address written as numbers (a page at such an address is this server's
     * own), localhost, or this machine's host name, and the port; any other name is refused, so a user on the network
     * opens the page by its address or the machine's name.
     */
    private boolean addressedHere(String host) {
        int port = bound.getPort();
        if (host == null) {
            return false;
        }
        if (bound.getAddress().isLoopbackAddress()) {
            return host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port)
                    || host.equals("[::1]:" + port);
        }
        String suffix = ":" + port;
        if (!host.endsWith(suffix)) {
            return false;
        }
        String name = host.substring(0, host.length() - suffix.length());
        return name.startsWith("[") && name.endsWith("]") || IPV4.matcher(name).matches()
                || name.equalsIgnoreCase("localhost") || MachineNames.ALL.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the request is not one a page of another site made: it names no {@code Origin} (a browser names it on
     * every POST and every cross-site request; a same-page GET or a program such as curl may not), or names this
     * server as the Host header gives it; and the browser does not say it comes from another site
     * ({@code Sec-Fetch-Site}, sent also with the GET of an image, which names no origin: another site's page could
     * otherwise have the server compute report after report).
     */
    private static boolean fromOwnPage(String origin, String site, String host) {
        return (origin == null || origin.equals("http://" + host))
                && (site == null || site.equals("same-origin") || site.equals("none"));
    }

    /** This machine's names, looked up once, the first time a server bound to a network address is asked. */
    private static final class MachineNames {
        static final Set<String> ALL = lookUp();

        private static Set<String> lookUp() {
            Set<String> names = new HashSet<>();
            try {
                InetAddress local = InetAddress.getLocalHost();
                names.add(local.getHostName().toLowerCase(Locale.ROOT));
                names.add(local.getCanonicalHostName().toLowerCase(Locale.ROOT));
            } catch (IOException e) {
                // a machine without a resolvable name of its own is opened by its address
            }
            return Set.copyOf(names);
        }
    }
}
