//! 待辦 · 待閱 · 已辦 and notices: a notice pushed by the service shows at
//! once in the status line and counts in the status bar's badge; the ones
//! that waited while the clerk was away are shown at start. One key from
//! anywhere opens the queue view (three sections with counts); `Enter`
//! goes to the item in its tab, `Esc` comes back to where the clerk was.

use crate::core::QueueEntry;
use crate::model::queue::{Notice, Queue};
use crate::model::sanitize::escape;

use super::super::command::{self, Action};
use super::super::i18n::{Lang, T};
use super::super::key::Key;
use super::super::keymap::{KeyMode, Lookup};
use super::{App, Effect, Level, Mode};

/// The queues in the order the view shows them.
pub const QUEUES: [Queue; 3] = [Queue::Todo, Queue::ToRead, Queue::Done];

/// The queue view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueView {
    /// 待辦, 待閱 and 已辦, in [`QUEUES`] order.
    pub sections: [Vec<QueueEntry>; 3],
    /// The line under the cursor, counted across the sections.
    pub selected: usize,
    /// The first line shown.
    pub offset: usize,
    /// The generation of the request the view waits for.
    pub gen: u64,
    /// An answer is awaited.
    pub loading: bool,
}

impl QueueView {
    /// Every entry, in the order shown.
    pub fn entries(&self) -> impl Iterator<Item = &QueueEntry> {
        self.sections.iter().flatten()
    }

    /// How many entries in all.
    pub fn len(&self) -> usize {
        self.sections.iter().map(Vec::len).sum()
    }

    /// Whether all three queues are empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entry under the cursor.
    pub fn current(&self) -> Option<&QueueEntry> {
        self.entries().nth(self.selected)
    }

    fn move_by(&mut self, d: i64, height: usize) {
        let n = self.len() as i64;
        if n == 0 {
            return;
        }
        self.selected = (self.selected as i64 + d).clamp(0, n - 1) as usize;
        self.offset = super::lists::scrolled(self.selected, self.offset, height);
    }
}

/// The queue's name in the UI language.
pub fn queue_label(q: Queue, lang: Lang) -> &'static str {
    match q {
        Queue::Todo => T::QueueTodo.text(lang),
        Queue::ToRead => T::QueueToRead.text(lang),
        Queue::Done => T::QueueDone.text(lang),
    }
}

/// Lines of entries the view shows on a terminal `h` rows high.
pub fn queue_rows(h: u16) -> usize {
    // Header, status bar, bottom line; borders; one title line per section.
    (h as usize).saturating_sub(3 + 2 + 3).clamp(1, 40)
}

/// One line saying what a notice is about, for the status line (untrusted
/// text escaped).
pub fn notice_text(app: &App, n: &Notice) -> String {
    let what = app.lang().label(n.what.label(), n.what.english());
    app.tf(
        T::MsgNotice,
        &[&what, &escape(&n.code), &escape(&n.title), &escape(&n.by)],
    )
}

impl App {
    /// Whether `key` is the queue key (from anywhere but a form).
    pub(super) fn is_queue_key(&self, key: Key) -> bool {
        self.mode != Mode::Insert
            && matches!(
                self.setup.keymap.lookup(KeyMode::Normal, &[key]),
                Lookup::Matched(c) if c == "queue"
            )
    }

    /// Closes what a popup replaces (quick find, an overlay, a pending key
    /// or count) and starts a new request generation for its answer.
    pub(super) fn popup_gen(&mut self) -> u64 {
        self.find = None;
        self.overlay = None;
        self.pending.clear();
        self.count = None;
        self.req_gen += 1;
        self.req_gen
    }

    /// Opens the queue view (pressed again: closes it). The unread notices
    /// count as seen once the queue is open.
    pub fn open_queue(&mut self) -> Vec<Effect> {
        if self.queue.take().is_some() {
            return vec![];
        }
        let gen = self.popup_gen();
        self.queue = Some(QueueView {
            gen,
            loading: true,
            ..QueueView::default()
        });
        self.dirty = true;
        let mut fx = vec![Effect::LoadQueue { gen }];
        let ids: Vec<u64> = self.unread.drain(..).map(|n| n.id).collect();
        if !ids.is_empty() {
            fx.push(Effect::MarkRead(ids));
        }
        fx
    }

    /// The queues arrived; an older request's answer is dropped.
    pub(super) fn queue_loaded(&mut self, gen: u64, sections: [Vec<QueueEntry>; 3]) {
        let Some(q) = self.queue.as_mut() else {
            return;
        };
        if q.gen != gen {
            return;
        }
        q.sections = sections;
        q.loading = false;
        q.selected = q.selected.min(q.len().saturating_sub(1));
        self.dirty = true;
    }

    /// A notice pushed by the service: said at once, counted in the badge,
    /// and the open queue view reloaded.
    pub(super) fn noticed(&mut self, n: Notice) -> Vec<Effect> {
        let m = notice_text(self, &n);
        self.say(Level::Info, m);
        if !self.unread.iter().any(|u| u.id == n.id) {
            self.unread.push(n);
        }
        match self.queue.as_mut() {
            Some(q) => {
                self.req_gen += 1;
                q.gen = self.req_gen;
                vec![Effect::LoadQueue { gen: self.req_gen }]
            }
            None => vec![],
        }
    }

    /// The notices that waited while the clerk was away (at start).
    pub(super) fn notices_loaded(&mut self, unread: Vec<Notice>) {
        for n in unread {
            if !self.unread.iter().any(|u| u.id == n.id) {
                self.unread.push(n);
            }
        }
        if let Some(newest) = self.unread.first() {
            let one = notice_text(self, newest);
            let m = self.tf(
                T::MsgNoticesWaiting,
                &[&self.unread.len().to_string(), &one],
            );
            self.say(Level::Info, m);
        }
    }

    /// A key while the queue view is open.
    pub(super) fn queue_key(&mut self, key: Key) -> Vec<Effect> {
        if self.is_queue_key(key) {
            self.queue = None;
            return vec![];
        }
        let action = match self.setup.keymap.lookup(KeyMode::Normal, &[key]) {
            Lookup::Matched(c) => command::parse(&c).ok(),
            _ => None,
        };
        let h = queue_rows(self.size.1);
        let Some(q) = self.queue.as_mut() else {
            return vec![];
        };
        if let Some(d) = action.as_ref().and_then(|a| super::lists::motion(a, h)) {
            q.move_by(d, h);
            return vec![];
        }
        match action {
            Some(Action::Open) => {
                let Some(e) = q.current().cloned() else {
                    return vec![];
                };
                self.queue = None;
                return self.show_item(e.row.kind, e.row.id);
            }
            Some(Action::Back | Action::Quit) => self.queue = None,
            _ => {}
        }
        vec![]
    }
}
