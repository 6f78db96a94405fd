//! A progress line for long runs: on standard error, only when it is a
//! terminal, and only after the run has taken a moment, so quick runs and
//! anything piped or redirected never see it. It is drawn over itself with
//! a carriage return and erased when the run ends.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a run goes unannounced.
const QUIET_START: Duration = Duration::from_millis(700);
const TICK: Duration = Duration::from_millis(120);

/// A running progress line; dropping it erases the line.
pub struct Progress {
    label: Arc<Mutex<String>>,
    done: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts the line (a no-op when standard error is not a terminal).
    pub fn start(label: &str) -> Progress {
        let label = Arc::new(Mutex::new(label.to_string()));
        let done = Arc::new(AtomicBool::new(false));
        let thread = std::io::stderr().is_terminal().then(|| {
            let (label, done) = (Arc::clone(&label), Arc::clone(&done));
            std::thread::Builder::new()
                .name("progress".into())
                .spawn(move || draw(&label, &done))
                .ok()
        });
        Progress {
            label,
            done,
            thread: thread.flatten(),
        }
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

fn draw(label: &Mutex<String>, done: &AtomicBool) {
    let started = Instant::now();
    let mut shown = false;
    let mut frame = 0usize;
    while !done.load(Ordering::Relaxed) {
        std::thread::sleep(TICK);
        if started.elapsed() < QUIET_START || done.load(Ordering::Relaxed) {
            continue;
        }
        let text = label.lock().map(|l| l.clone()).unwrap_or_default();
        let spin = ['|', '/', '-', '\\'][frame % 4];
        frame += 1;
        let mut err = std::io::stderr().lock();
        // `\x1b[2K` erases the previous, possibly longer, line.
        let _ = write!(
            err,
            "\r\x1b[2K{spin} {text} ({:.1}s)",
            started.elapsed().as_secs_f64()
        );
        let _ = err.flush();
        shown = true;
    }
    if shown {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    }
}
