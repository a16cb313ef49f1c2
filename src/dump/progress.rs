//! Progress: an indicatif bar on a terminal (pages, MB/s of XML, ETA from the
//! compressed bytes read), periodic log lines otherwise.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often log lines are printed when there is no bar.
const LOG_EVERY: Duration = Duration::from_secs(10);

pub struct Progress<'a> {
    bar: Option<ProgressBar>,
    log: &'a (dyn Fn(&str) + Sync),
    started: Instant,
    last_log: Instant,
    quiet: bool,
}

impl<'a> Progress<'a> {
    /// A bar when `wanted` and standard error is a terminal; log lines when
    /// wanted otherwise. `total` is the compressed input size, when known.
    pub fn new(wanted: bool, total: Option<u64>, log: &'a (dyn Fn(&str) + Sync)) -> Self {
        let bar = (wanted && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr_with_hz(4));
            let template = if total.is_some() {
                "{elapsed_precise} [{wide_bar}] {percent}% {msg} ETA {eta}"
            } else {
                "{elapsed_precise} {spinner} {msg}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        let now = Instant::now();
        Progress { bar, log, started: now, last_log: now, quiet: !wanted }
    }

    /// `pages` records written, `compressed` input bytes read, `xml` bytes of
    /// decompressed XML read.
    pub fn update(&mut self, pages: u64, compressed: u64, xml: u64) {
        let seconds = self.started.elapsed().as_secs_f64().max(1e-9);
        let rate = xml as f64 / 1e6 / seconds;
        if let Some(bar) = &self.bar {
            bar.set_position(compressed);
            bar.set_message(format!("{pages} pages, {rate:.1} MB/s"));
        } else if !self.quiet && self.last_log.elapsed() >= LOG_EVERY {
            self.last_log = Instant::now();
            (self.log)(&format!("{pages} pages, {:.0} MB of XML, {rate:.1} MB/s", xml as f64 / 1e6));
        }
    }

    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
