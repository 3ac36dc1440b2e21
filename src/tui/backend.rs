//! The terminal backend: crossterm's, made quiet. A frame that changes no
//! cell and leaves the cursor where it was writes no byte at all, and the
//! synchronized-update markers wrap only frames that do write — so an idle
//! or unchanged screen costs the SSH link nothing.

use std::io::Write;

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::queue;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::layout::{Position, Size};

/// Crossterm's backend that writes only what changed.
pub struct Quiet<W: Write> {
    inner: CrosstermBackend<W>,
    /// Whether the cursor shows, when known.
    visible: Option<bool>,
    /// Where the cursor is, when known (drawing cells moves it).
    at: Option<Position>,
    /// A synchronized update was begun in this frame.
    syncing: bool,
}

impl<W: Write> Quiet<W> {
    /// A quiet backend writing to `w`.
    pub fn new(w: W) -> Self {
        Quiet {
            inner: CrosstermBackend::new(w),
            visible: None,
            at: None,
            syncing: false,
        }
    }

    /// Before the first byte of a frame: the synchronized update begins.
    fn begin(&mut self) -> std::io::Result<()> {
        if !self.syncing {
            queue!(self.inner, BeginSynchronizedUpdate)?;
            self.syncing = true;
        }
        Ok(())
    }
}

impl<W: Write> Write for Quiet<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

impl<W: Write> Backend for Quiet<W> {
    type Error = std::io::Error;

    fn draw<'a, I>(&mut self, content: I) -> std::io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut cells = content.peekable();
        if cells.peek().is_none() {
            return Ok(());
        }
        self.begin()?;
        self.at = None;
        self.inner.draw(cells)
    }

    fn hide_cursor(&mut self) -> std::io::Result<()> {
        if self.visible == Some(false) {
            return Ok(());
        }
        self.begin()?;
        self.visible = Some(false);
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> std::io::Result<()> {
        if self.visible == Some(true) {
            return Ok(());
        }
        self.begin()?;
        self.visible = Some(true);
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> std::io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> std::io::Result<()> {
        let p = position.into();
        if self.at == Some(p) {
            return Ok(());
        }
        self.begin()?;
        self.at = Some(p);
        self.inner.set_cursor_position(p)
    }

    fn clear(&mut self) -> std::io::Result<()> {
        self.begin()?;
        self.at = None;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> std::io::Result<()> {
        self.begin()?;
        self.at = None;
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> std::io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> std::io::Result<WindowSize> {
        self.inner.window_size()
    }

    /// Ends the frame's synchronized update, if it began, and flushes.
    fn flush(&mut self) -> std::io::Result<()> {
        if std::mem::take(&mut self.syncing) {
            queue!(self.inner, EndSynchronizedUpdate)?;
        }
        Backend::flush(&mut self.inner)
    }
}

/// Something else wrote to the terminal (`$EDITOR`, a clear): where the
/// cursor is and whether it shows are no longer known.
impl<W: Write> Quiet<W> {
    /// Forgets the cursor's state.
    pub fn forget(&mut self) {
        self.visible = None;
        self.at = None;
    }
}
