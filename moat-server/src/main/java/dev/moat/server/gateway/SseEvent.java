package dev.moat.server.gateway;

/**
 * One server-sent event as received: its raw bytes (forwarded unchanged) and its parsed
 * {@code event:} name and {@code data:} payload.
 */
record SseEvent(String raw, String name, String data) {

    static SseEvent parse(String raw) {
        String name = "";
        StringBuilder data = new StringBuilder();
        for (String line : raw.split("\r?\n")) {
            if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
            }
        }
        return new SseEvent(raw, name, data.toString());
    }
}
