//! The hand-out loop the streaming line transforms share: a transform
//! resolves a line at a time into a buffer, and its iterator hands the
//! buffer's items out one by one before resolving the next line.

/// A line's resolved items, waiting to be handed out.
pub(crate) struct Handout<T> {
    /// Kept reversed once filled, so handing one out is a `pop` and the
    /// buffer is reused from line to line.
    reversed: Vec<T>,
    done: bool,
}

impl<T> Handout<T> {
    pub(crate) fn new() -> Handout<T> {
        Handout { reversed: Vec::new(), done: false }
    }

    /// The buffer to fill, in order. It is empty when `fill` is called.
    pub(crate) fn buffer(&mut self) -> &mut Vec<T> {
        &mut self.reversed
    }

    /// No line follows what is in the buffer.
    pub(crate) fn finish(&mut self) {
        self.done = true;
    }
}

/// Items in a line's buffer above which it is not kept for the next line.
const LARGE_LINE: usize = 1024;

/// A line transform that hands out what it resolves through a [`Handout`].
pub(crate) trait LineStream {
    type Item;

    fn handout(&mut self) -> &mut Handout<Self::Item>;

    /// Resolve input into [`Handout::buffer`], in order, calling
    /// [`Handout::finish`] when the input ends.
    fn fill(&mut self);

    /// The next item, resolving more lines while none is ready.
    fn next_item(&mut self) -> Option<Self::Item> {
        loop {
            let handout = self.handout();
            if let Some(item) = handout.reversed.pop() {
                // A long line's buffer is given back once handed out, before
                // the next transform holds that line too.
                if handout.reversed.is_empty() && handout.reversed.capacity() > LARGE_LINE {
                    handout.reversed = Vec::new();
                }
                return Some(item);
            }
            if handout.done {
                return None;
            }
            self.fill();
            self.handout().reversed.reverse();
        }
    }
}

/// A page's emitted tokens, read front to back by the first line
/// transform. The buffer gives memory back as it is read: at the end of
/// tree building the whole DOM is built, and holding every token's slot
/// until then would add the token stream to the page's peak.
pub(crate) struct Draining<T> {
    /// Reversed once, so reading one is a `pop`.
    reversed: Vec<T>,
}

impl<T> Draining<T> {
    pub(crate) fn new(mut items: Vec<T>) -> Draining<T> {
        // The room a growing vector kept spare is not needed any more.
        items.shrink_to_fit();
        items.reverse();
        Draining { reversed: items }
    }
}

impl<T> Draining<T> {
    /// The items not read yet, the next one last.
    pub(crate) fn rest_reversed(&self) -> &[T] {
        &self.reversed
    }
}

impl<T> Handout<T> {
    /// Nothing resolved is waiting and more may follow: the stream is
    /// between lines.
    pub(crate) fn is_between_lines(&self) -> bool {
        self.reversed.is_empty() && !self.done
    }
}

impl<T> Iterator for Draining<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        let item = self.reversed.pop();
        // Give back what was read, every 1,024 items: the unread ones are at
        // the front, and allocators shrink a block that large where it is
        // (no copy), so the buffer never holds more than 1,024 spent slots.
        if self.reversed.len() % 1024 == 0 && self.reversed.capacity() - self.reversed.len() >= 1024 {
            self.reversed.shrink_to_fit();
        }
        item
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.reversed.len(), Some(self.reversed.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::{Draining, Handout, LineStream};

    #[test]
    fn draining_reads_in_order_and_gives_memory_back() {
        let mut d = Draining::new((0..10_000).collect::<Vec<u32>>());
        let start = d.reversed.capacity();
        let got: Vec<u32> = d.by_ref().take(9_000).collect();
        assert_eq!(got, (0..9_000).collect::<Vec<u32>>());
        assert!(d.reversed.capacity() < 1_000 + 1_024, "{} of {start}", d.reversed.capacity());
        assert_eq!(d.collect::<Vec<u32>>(), (9_000..10_000).collect::<Vec<u32>>());
    }

    /// Hands out numbers in lines of `width`, some lines empty.
    struct Counting {
        next: u32,
        end: u32,
        handout: Handout<u32>,
    }

    impl LineStream for Counting {
        type Item = u32;
        fn handout(&mut self) -> &mut Handout<u32> {
            &mut self.handout
        }
        fn fill(&mut self) {
            // Every third line resolves to nothing.
            if self.next % 3 != 0 {
                let line_end = (self.next + 2).min(self.end);
                self.handout.buffer().extend(self.next..line_end);
                self.next = line_end;
            } else {
                self.next += 1;
            }
            if self.next >= self.end {
                self.handout.finish();
            }
        }
    }

    #[test]
    fn hands_out_every_item_in_order_across_empty_lines() {
        let mut s = Counting { next: 1, end: 20, handout: Handout::new() };
        let got: Vec<u32> = std::iter::from_fn(|| s.next_item()).collect();
        let want: Vec<u32> = (1..20).filter(|n| n % 3 != 0).collect();
        assert_eq!(got, want);
    }
}
