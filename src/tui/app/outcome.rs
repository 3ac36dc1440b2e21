//! What comes back: the worker's outcomes and the service's pushes. Rows
//! are put in place so the selection follows its item; writes are recorded
//! for `u` and `.`; refusals are said in words.

use super::super::event::{Origin, Outcome, Repeatable, UndoEntry};
use super::super::i18n::T;
use super::{App, Detail, Effect, Level, Mode, Overlay, TabKind, TABS};
use crate::core::{Event as Push, ServiceError};
use crate::model::Item;

/// How long typing in `/` must pause before the detail loads.
const DETAIL_PAUSE: std::time::Duration = std::time::Duration::from_millis(150);

impl App {
    /// An outcome of an effect.
    pub fn outcome(&mut self, o: Outcome) -> Vec<Effect> {
        self.dirty = true;
        match o {
            Outcome::Rows { tab, gen, rows } => {
                if gen != self.tabs[tab].gen {
                    super::lists::discard(rows);
                    return vec![];
                }
                let rows = self.by_light(tab, rows);
                self.put_rows(tab, rows);
                self.tabs[tab].answered = gen;
                self.judge_filter(tab);
                self.check_empty();
                if tab == self.tab {
                    if self.mode == Mode::Search {
                        // Typing goes first: the detail follows when typing pauses.
                        self.detail = None;
                        self.detail_due = Some(std::time::Instant::now() + DETAIL_PAUSE);
                        return vec![];
                    }
                    return self.load_detail();
                }
                vec![]
            }
            Outcome::Counts(c) => {
                self.counts = c;
                self.counts_pending = false;
                self.check_empty();
                vec![]
            }
            Outcome::Directory(units, people) => {
                self.units = units;
                self.people = people;
                self.filter_people();
                self.check_empty();
                if self.tab_kind() == TabKind::Directory {
                    return self.load_detail();
                }
                vec![]
            }
            Outcome::Detail {
                gen,
                item,
                history,
                links,
            } => {
                if gen == self.detail_gen {
                    self.detail = Some(Detail {
                        item: *item,
                        history,
                        links,
                    });
                    return self.detail_arrived();
                }
                vec![]
            }
            Outcome::UnitItems { gen, rows } => {
                if gen == self.detail_gen {
                    self.unit_items = rows;
                }
                vec![]
            }
            Outcome::Applied {
                label,
                origin,
                results,
                conflicts,
            } => self.applied(label, origin, results, conflicts),
            Outcome::Board(items) => self.board_loaded(items),
            Outcome::FormInvalid(errs) => {
                self.form_problems(errs);
                vec![]
            }
            Outcome::DemoLoaded(n) => {
                let m = self.tf(T::MsgDemoLoaded, &[&n.to_string()]);
                self.say(Level::Info, m);
                if self.overlay == Some(Overlay::Welcome) {
                    self.overlay = None;
                }
                self.first_start = false;
                // The pushes of the load moved the cursor about: the first
                // row of each list is where the clerk starts.
                for t in self.tabs.iter_mut() {
                    t.sel_id = None;
                    t.selected = 0;
                    t.offset = 0;
                    t.reset_on_load = true;
                    if let Some((_, v)) = t.unfiltered.take() {
                        super::lists::discard(v);
                    }
                }
                let mut fx = vec![Effect::LoadCounts, Effect::LoadDirectory];
                for i in 0..TABS.len() {
                    if self.tabs[i].loaded || i == self.tab {
                        fx.extend(self.load_tab(i));
                    }
                }
                fx
            }
            Outcome::Edited { field, text } => self.edited(field, text),
            Outcome::Found { gen, results } => {
                self.found(gen, results);
                vec![]
            }
            Outcome::Queue { gen, sections } => {
                self.queue_loaded(gen, *sections);
                vec![]
            }
            Outcome::Notices(v) => {
                self.notices_loaded(v);
                vec![]
            }
            Outcome::CallerItems { gen, rows } => {
                self.caller_items(gen, rows);
                vec![]
            }
            Outcome::DirectoryFile(r) => self.directory_file(r),
            Outcome::DirectorySaved {
                units,
                people,
                select,
            } => self.directory_saved(units, people, select),
            Outcome::Dashboard { gen, load } => self.dashboard_loaded(gen, load),
            Outcome::Circulation { gen, today, rows } => self.circulation_loaded(gen, today, rows),
            Outcome::Meetings { gen, items } => self.meetings_loaded(gen, items),
            Outcome::NoticeWritten(file) => {
                let m = self.tf(T::MsgNoticeWritten, &[&file]);
                self.say(Level::Info, m);
                vec![]
            }
            Outcome::Refused(t, args) => {
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let m = self.tf(t, &args);
                self.say(Level::Error, m);
                vec![]
            }
            Outcome::ServiceFailed(e) => {
                let m = self.error_text(&e);
                self.say(Level::Error, m);
                if let Some(f) = self.form.as_mut() {
                    f.saving = false;
                }
                vec![]
            }
            Outcome::Failed(m) => {
                let m = self.tf(T::MsgError, &[&m]);
                self.say(Level::Error, m);
                if let Some(f) = self.form.as_mut() {
                    f.saving = false;
                }
                vec![]
            }
        }
    }

    /// The welcome screen shows on a first start with nothing in the store.
    fn check_empty(&mut self) {
        if !self.first_start || self.counts_pending || !self.tabs[0].loaded {
            return;
        }
        self.first_start = false;
        let open: usize = self.counts.by_kind.iter().map(|r| r.1).sum();
        if open == 0
            && self.people.is_empty()
            && self.tabs[0].rows.is_empty()
            && self.overlay.is_none()
        {
            self.overlay = Some(Overlay::Welcome);
        }
    }

    /// The service stopped pushing: the status line says so, in the error colour.
    pub fn disconnected(&mut self) {
        if self.connected {
            self.connected = false;
            let m = self.t(T::MsgDisconnected).to_string();
            self.say(Level::Error, m);
        }
    }

    /// A change arrived (our own or another clerk's).
    pub fn push(&mut self, p: Push) -> Vec<Effect> {
        self.dirty = true;
        match p {
            Push::Changed(it) => {
                let mut fx = self.put(&it);
                if !self.counts_pending {
                    self.counts_pending = true;
                    fx.push(Effect::LoadCounts);
                }
                fx.extend(self.dashboard_changed(&it));
                self.circulation_changed(&it);
                fx
            }
            Push::Directory => vec![Effect::LoadDirectory],
            Push::Notice(n) => self.noticed(*n),
        }
    }

    /// Puts a written item into every list that shows its kind.
    pub(super) fn put(&mut self, it: &Item) -> Vec<Effect> {
        let h = self.list_height();
        for (i, t) in self.tabs.iter_mut().enumerate() {
            if t.upsert(it, TABS[i].kinds()) {
                t.scroll_to(h);
            }
        }
        self.board_put(it);
        self.meeting_put(it);
        let shown = self.detail.as_ref().map(|d| (d.item.id, d.item.version));
        match shown {
            Some((id, v)) if id == it.id && v < it.version => {
                self.detail = None;
                self.load_detail()
            }
            None if self.selected_row().is_some() => self.load_detail(),
            _ => vec![],
        }
    }

    fn applied(
        &mut self,
        label: String,
        origin: Origin,
        results: Vec<(Option<u64>, Result<Item, ServiceError>)>,
        conflicts: Vec<super::super::event::Conflict>,
    ) -> Vec<Effect> {
        if origin == Origin::Step {
            return self.step_applied(label, results);
        }
        let mut fx = vec![];
        let mut ok: Vec<Item> = vec![];
        let mut errors: Vec<ServiceError> = vec![];
        for (_, r) in results {
            match r {
                Ok(it) => ok.push(it),
                Err(e) => errors.push(e),
            }
        }
        for it in &ok {
            fx.extend(self.put(it));
        }
        if !ok.is_empty() && !self.counts_pending {
            self.counts_pending = true;
            fx.push(Effect::LoadCounts);
        }
        match &origin {
            Origin::Change(rep) if !ok.is_empty() => {
                let route = matches!(rep, Some(Repeatable::Route(_)));
                self.undo.push(UndoEntry {
                    targets: ok.iter().map(|i| (i.id, i.version)).collect(),
                    label: label.clone(),
                    route,
                });
                if rep.is_some() {
                    self.last_change = rep.clone();
                }
            }
            Origin::CallStart => {
                if let Some(it) = ok.first() {
                    self.call_started(it);
                }
            }
            Origin::CallEnd => {
                if let Some(it) = ok.first() {
                    fx.extend(self.call_ended(it));
                    return fx;
                }
            }
            Origin::Form => {
                if let Some(it) = ok.first() {
                    let m = self.tf(T::MsgSaved, &[&it.code]);
                    fx.extend(self.discard_form());
                    self.say(Level::Info, m);
                    let (tab, id) = (TabKind::of(it.kind), it.id);
                    fx.extend(self.jump(tab, id));
                }
            }
            _ => {}
        }
        if let Some(e) = errors.first() {
            if let ServiceError::Invalid { field, problem, .. } = e {
                if self.form.is_some() {
                    self.form_problems(vec![(field.clone(), problem.clone())]);
                    return fx;
                }
            }
            if let Some(f) = self.form.as_mut() {
                f.saving = false;
            }
            self.call_failed(&origin);
            let m = match e {
                ServiceError::Conflict { .. } if !conflicts.is_empty() => {
                    fx.extend(self.load_tab(self.tab));
                    self.detail = None;
                    fx.extend(self.load_detail());
                    self.conflicted(conflicts, &origin)
                }
                e => self.error_text(e),
            };
            let m = if ok.is_empty() {
                m
            } else {
                self.tf(
                    T::MsgBulkPartial,
                    &[&ok.len().to_string(), &errors.len().to_string(), &m],
                )
            };
            self.say(Level::Error, m);
            return fx;
        }
        if matches!(origin, Origin::Change(_) | Origin::Form) {
            // A newer edit went through: an older one is not re-applied later.
            self.conflict = None;
        }
        match origin {
            Origin::Undo => {
                let m = self.tf(T::MsgUndone, &[&label]);
                self.say(Level::Info, m);
            }
            Origin::Change(Some(Repeatable::Route(_))) if ok.len() == 1 => {
                let it = &ok[0];
                let src = it
                    .links
                    .first()
                    .and_then(|l| self.any_row(l.id))
                    .map(|r| r.code.clone())
                    .unwrap_or_default();
                let m = self.tf(T::MsgRouted, &[&src, &it.code]);
                self.say(Level::Info, m);
            }
            Origin::Change(_) if ok.len() == 1 => {
                let m = self.tf(T::MsgChanged, &[&ok[0].code, &label]);
                self.say(Level::Info, m);
            }
            Origin::Change(_) => {
                let m = self.tf(T::MsgBulkDone, &[&ok.len().to_string(), &label]);
                self.say(Level::Info, m);
            }
            Origin::Form | Origin::CallStart | Origin::CallEnd | Origin::Step => {}
        }
        if matches!(self.mode, Mode::Visual { .. }) {
            self.mode = Mode::Normal;
        }
        fx
    }
}
