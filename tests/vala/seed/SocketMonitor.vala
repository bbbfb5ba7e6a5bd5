/* SocketMonitor.vala - copied from the GLib integration plan
 * (shared/seed/mhd-glib-integration-plan.md, section "1. SocketMonitor")
 * unchanged except for the generic type arguments the document lost
 * (Dictionary<int, IOChannel>, Dictionary<int, uint>, Series<int>). */
using Invercargill;
using Invercargill.DataStructures;
internal class SocketMonitor : Object {
    private MHD.Daemon daemon;
    private Dictionary<int, IOChannel> channels;
    private Dictionary<int, uint> watch_ids;
    private uint timeout_id;
    public SocketMonitor(MHD.Daemon daemon) {
        this.daemon = daemon;
        this.channels = new Dictionary<int, IOChannel>();
        this.watch_ids = new Dictionary<int, uint>();
    }
    public void start() {
        update_watches();
        start_timeout_watcher();
    }
    public void stop() {
        foreach (var id in watch_ids.get_values()) {
            Source.remove(id);
        }
        watch_ids.clear();
        channels.clear();
        if (timeout_id != 0) {
            Source.remove(timeout_id);
            timeout_id = 0;
        }
    }
    private void update_watches() {
        // Get current fd_set from MHD
        MHD.FDSet read_fds = MHD.FDSet();
        MHD.FDSet write_fds = MHD.FDSet();
        MHD.FDSet error_fds = MHD.FDSet();
        int max_fd = 0;
        MHD.get_fdset(daemon, read_fds, write_fds, error_fds, &max_fd);
        // Update GLib IO channel watches
        var active_fds = new Series<int>();
        for (int fd = 0; fd <= max_fd; fd++) {
            bool needs_read = read_fds.is_set(fd);
            bool needs_write = write_fds.is_set(fd);
            if (needs_read || needs_write) {
                active_fds.add(fd);
                if (!channels.has_key(fd)) {
                    add_watch_for_fd(fd, needs_read, needs_write);
                }
            }
        }
        // Remove watches for closed fds
        var to_remove = new Series<int>();
        foreach (var entry in channels) {
            if (!active_fds.contains(entry.key)) {
                to_remove.add(entry.key);
            }
        }
        foreach (int fd in to_remove) {
            remove_watch_for_fd(fd);
        }
    }
    private void add_watch_for_fd(int fd, bool monitor_read, bool monitor_write) {
        var channel = new IOChannel.unix_new(fd);
        IOCondition cond = IOCondition.IN | IOCondition.HUP | IOCondition.ERR;
        if (monitor_write) {
            cond |= IOCondition.OUT;
        }
        uint watch_id = channel.add_watch(cond, (source, condition) => {
            MHD.run(daemon);
            update_watches(); // Socket set may have changed
            return true;
        });
        channels[fd] = channel;
        watch_ids[fd] = watch_id;
    }
    private void remove_watch_for_fd(int fd) {
        uint watch_id = watch_ids[fd];
        Source.remove(watch_id);
        watch_ids.unset(fd);
        channels.unset(fd);
    }
    private void start_timeout_watcher() {
        // Use MHD's recommended timeout
        timeout_id = Timeout.add(50, () => {
            MHD.run(daemon);
            update_watches();
            return true;
        });
    }
}
