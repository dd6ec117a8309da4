package org.sregistry.globus.notify;

import java.util.List;

/** The e-mail of a {@link TransferNotice}: a subject naming the images, and a short plain-text body. */
final class NotificationMail {
    private NotificationMail() {
    }

    /** {@code Globus transfer finished: lab/tool:1} (or {@code failed}; {@code and 2 more} for several images). */
    static String subject(TransferNotice notice) {
        String verb = notice.event() == NotifyEvent.SUCCEEDED ? "finished" : notice.canceled() ? "canceled" : "failed";
        return "Globus transfer " + verb + ": " + what(notice);
    }

    /** The body: what moved where, each file's outcome, and the link to the task's page. */
    static String text(TransferNotice notice) {
        StringBuilder b = new StringBuilder();
        String way = "GET".equals(notice.direction()) ? "Bring from " + notice.source() + " into the registry"
                : "PUT".equals(notice.direction()) ? "Send from the registry to " + notice.destination()
                : "Transfer from " + notice.source() + " to " + notice.destination();
        b.append(way).append(notice.event() == NotifyEvent.SUCCEEDED ? " finished" : " did not finish as asked")
                .append(" at ").append(notice.finishedAt()).append(".\n\n");
        for (TransferNotice.FileNotice f : notice.files()) {
            b.append("- ").append(f.image() != null ? f.image() : f.sourcePath()).append(": ")
                    .append(outcome(f.state()));
            if (f.reason() != null && !f.reason().isBlank()) {
                b.append(" (").append(f.reason()).append(')');
            }
            b.append('\n');
        }
        b.append('\n');
        if (notice.taskId() != null) {
            b.append("Globus task ").append(notice.taskId()).append(", status ").append(notice.status()).append(".\n");
        }
        b.append("Details: ").append(notice.url()).append("\n\n")
                .append("You get this e-mail because you turned on e-mail notifications on the registry's Globus page.\n");
        return b.toString();
    }

    private static String what(TransferNotice notice) {
        List<String> images = notice.images();
        if (images.isEmpty()) {
            return notice.label() == null ? "task " + notice.taskId() : notice.label();
        }
        return images.get(0) + (images.size() > 1 ? " and " + (images.size() - 1) + " more" : "");
    }

    private static String outcome(String state) {
        if (state == null) {
            return "unknown";
        }
        return switch (state) {
            case "IMPORTED" -> "imported";
            case "CLEANED" -> "sent";
            case "FAILED" -> "failed";
            default -> state.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
