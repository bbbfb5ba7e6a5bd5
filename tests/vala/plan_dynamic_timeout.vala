/* The plan's "Optional: Dynamic Timeout" snippet (text unchanged, inside a
 * minimal class) compiles against the vapi and runs for 200 ms. */
class DynTimeout : Object {
    private MHD.Daemon daemon;
    private uint timeout_id;
    public DynTimeout(MHD.Daemon daemon) { this.daemon = daemon; }
    private void update_watches() {}
private void start_timeout_watcher() {
    schedule_next_timeout();
}
private void schedule_next_timeout() {
    uint64 timeout_ms = 0;
    if (MHD.get_timeout(daemon, &timeout_ms) == MHD.Result.YES) {
        // Cap at reasonable maximum
        timeout_ms = uint64.min(timeout_ms, 1000);
    }
    else {
        timeout_ms = 50; // Default fallback
    }
    timeout_id = Timeout.add((uint)timeout_ms, () => {
        MHD.run(daemon);
        update_watches();
        schedule_next_timeout(); // Reschedule with new timeout
        return false; // Don't auto-repeat
    });
}

    public void go() { start_timeout_watcher(); }
}
int main() {
    MHD.Daemon d = MHD.Daemon.start(MHD.ALLOW_SUSPEND_RESUME | MHD.USE_DEBUG, 0, null, (c,u,m,v,ud,uds,cc) => MHD.Result.NO, MHD.OPTION_END);
    var t = new DynTimeout(d);
    t.go();
    var loop = new MainLoop();
    Timeout.add(200, () => { loop.quit(); return false; });
    loop.run();
    stdout.printf("dyn timeout ok\n");
    return 0;
}
