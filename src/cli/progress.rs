//! A progress line for long runs: on standard error, only when it is a
//! terminal (and not a dumb one), only after the run has taken a moment so
//! quick runs never show it, and never with a machine format (the callers
//! start it for human output only). It is drawn over itself with a carriage
//! return and erased when the run ends, so nothing of it stays in the log.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a run goes unannounced.
const QUIET_START: Duration = Duration::from_millis(700);
const TICK: Duration = Duration::from_millis(120);

/// Where the line is drawn.
type Screen = Box<dyn Write + Send>;

/// A running progress line; dropping it erases the line.
pub struct Progress {
    label: Arc<Mutex<String>>,
    /// Work items finished, shown after the label once some are.
    count: Arc<AtomicUsize>,
    done: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts the line on standard error (nothing at all when it is not a
    /// terminal).
    pub fn start(label: &str) -> Progress {
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        let screen: Option<Screen> = (std::io::stderr().is_terminal() && !dumb)
            .then(|| Box::new(std::io::stderr()) as Screen);
        Progress::on(screen, label, QUIET_START)
    }

    fn on(screen: Option<Screen>, label: &str, quiet_start: Duration) -> Progress {
        let label = Arc::new(Mutex::new(label.to_string()));
        let count = Arc::new(AtomicUsize::new(0));
        let done = Arc::new(AtomicBool::new(false));
        let thread = screen.and_then(|screen| {
            let (label, count, done) = (Arc::clone(&label), Arc::clone(&count), Arc::clone(&done));
            std::thread::Builder::new()
                .name("progress".into())
                .spawn(move || draw(screen, &label, &count, &done, quiet_start))
                .ok()
        });
        Progress {
            label,
            count,
            done,
            thread,
        }
    }

    /// The counter of finished work items the line shows (the verifier's
    /// workers count assertions up on it).
    pub fn counter(&self) -> Arc<AtomicUsize> {
        Arc::clone(&self.count)
    }

    /// Changes what the line says.
    pub fn set(&self, label: String) {
        if let Ok(mut l) = self.label.lock() {
            *l = label;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn draw(
    mut screen: Screen,
    label: &Mutex<String>,
    count: &AtomicUsize,
    done: &AtomicBool,
    quiet_start: Duration,
) {
    let started = Instant::now();
    let mut shown = false;
    let mut frame = 0usize;
    while !done.load(Ordering::Relaxed) {
        std::thread::sleep(TICK);
        if started.elapsed() < quiet_start || done.load(Ordering::Relaxed) {
            continue;
        }
        let mut text = label.lock().map(|l| l.clone()).unwrap_or_default();
        let finished = count.load(Ordering::Relaxed);
        if finished > 0 {
            text.push_str(&format!(", {finished} done"));
        }
        let spin = ['|', '/', '-', '\\'][frame % 4];
        frame += 1;
        // `\x1b[2K` erases the previous, possibly longer, line.
        let _ = write!(
            screen,
            "\r\x1b[2K{spin} {text} ({:.1}s)",
            started.elapsed().as_secs_f64()
        );
        let _ = screen.flush();
        shown = true;
    }
    if shown {
        let _ = write!(screen, "\r\x1b[2K");
        let _ = screen.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A screen the test can read afterwards.
    #[derive(Clone, Default)]
    struct Recorded(Arc<Mutex<Vec<u8>>>);

    impl Write for Recorded {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if let Ok(mut v) = self.0.lock() {
                v.extend_from_slice(buf);
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn text(r: &Recorded) -> String {
        r.0.lock()
            .map(|v| String::from_utf8_lossy(&v).into_owned())
            .unwrap_or_default()
    }

    #[test]
    fn draws_the_label_over_itself_and_erases_it() {
        let screen = Recorded::default();
        let p = Progress::on(
            Some(Box::new(screen.clone())),
            "checking a.sg",
            Duration::ZERO,
        );
        std::thread::sleep(TICK * 3);
        p.set("checking b.sg".into());
        std::thread::sleep(TICK * 3);
        drop(p);
        let out = text(&screen);
        assert!(out.contains("\r\x1b[2K| checking a.sg ("), "{out:?}");
        assert!(out.contains(" checking b.sg ("), "{out:?}");
        assert!(out.ends_with("\r\x1b[2K"), "the line is erased: {out:?}");
        assert!(
            !out.contains('\n'),
            "it never leaves a line behind: {out:?}"
        );
    }

    #[test]
    fn shows_how_many_are_done() {
        let screen = Recorded::default();
        let p = Progress::on(
            Some(Box::new(screen.clone())),
            "proving 33 assertions",
            Duration::ZERO,
        );
        p.counter()
            .fetch_add(12, std::sync::atomic::Ordering::Relaxed);
        std::thread::sleep(TICK * 3);
        drop(p);
        assert!(
            text(&screen).contains("proving 33 assertions, 12 done ("),
            "{:?}",
            text(&screen)
        );
    }

    #[test]
    fn a_quick_run_shows_nothing() {
        let screen = Recorded::default();
        let p = Progress::on(Some(Box::new(screen.clone())), "checking", QUIET_START);
        std::thread::sleep(TICK * 2);
        drop(p);
        assert_eq!(text(&screen), "");
    }
}
