//! Forms to create and edit items: the fields of `fields_of(kind)` that a
//! clerk may set, typed with the line editor, saved as a draft on every
//! change, validated by the model (errors shown at the field).

use super::super::command::{self, Action};
use super::super::draft::Draft;
use super::super::i18n::{tr, T};
use super::super::input::TextInput;
use super::super::key::Key;
use super::super::keymap::{KeyMode, Lookup};
use super::{App, Effect, Level, Mode, Overlay};
use crate::model::{fields, Item, ItemId, Kind};

/// One field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    /// The field's name (`fields.rs`).
    pub name: &'static str,
    /// Its 繁體 label.
    pub label: &'static str,
    /// Long text (`$EDITOR`).
    pub long: bool,
    /// The value being typed.
    pub input: TextInput,
    /// The value it started with.
    pub original: String,
    /// Why the last save refused it.
    pub error: Option<String>,
}

/// An open form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The kind.
    pub kind: Kind,
    /// The item edited (`None`: a new one).
    pub id: Option<ItemId>,
    /// The version the edit started from.
    pub version: u64,
    /// The item's code, when editing.
    pub code: String,
    /// The fields.
    pub fields: Vec<FormField>,
    /// The field with the cursor.
    pub focus: usize,
    /// A save is under way.
    pub saving: bool,
    /// A 通訊錄 entry instead of an item (`kind` is then unused).
    pub dir: Option<super::DirForm>,
    /// A meeting's clashes as typed so far (`None`: not a meeting, or the
    /// meetings are still loading).
    pub clashes: Option<Vec<crate::model::meetings::Clash>>,
}

impl Form {
    fn build(kind: Kind, id: Option<ItemId>, version: u64, code: String, from: &Item) -> Form {
        let fields = fields::fields_of(kind)
            .filter(|f| !f.system)
            .map(|f| {
                let mut v = from.get(f.name).unwrap_or_default();
                if id.is_none() && matches!(f.name, "received" | "copies") {
                    v.clear();
                }
                FormField {
                    name: f.name,
                    label: f.label,
                    long: f.long,
                    input: TextInput::new(&v),
                    original: v,
                    error: None,
                }
            })
            .collect();
        Form {
            kind,
            id,
            version,
            code,
            fields,
            focus: 0,
            saving: false,
            dir: None,
            clashes: None,
        }
    }

    /// A form for a new item of `kind`, with the kind's defaults.
    pub fn new_item(kind: Kind) -> Form {
        Form::build(kind, None, 0, String::new(), &Item::new(kind, "", "", 0))
    }

    /// A form editing `it`.
    pub fn edit(it: &Item) -> Form {
        Form::build(it.kind, Some(it.id), it.version, it.code.clone(), it)
    }

    /// The draft file's name.
    pub fn draft_name(&self) -> String {
        match &self.dir {
            Some(super::DirForm::Person(0)) => return "new-person".into(),
            Some(super::DirForm::Person(id)) => return format!("person-{id}"),
            Some(super::DirForm::Unit(None)) => return "new-unit".into(),
            Some(super::DirForm::Unit(Some(k))) => return format!("unit-{k}"),
            None => {}
        }
        match self.id {
            Some(id) => format!("item-{id}"),
            None => format!("new-{}", self.kind.english()),
        }
    }

    /// Whether anything was typed.
    pub fn changed(&self) -> bool {
        self.fields.iter().any(|f| f.input.text != f.original)
    }

    /// The values a save sends: all non-empty (new) or the changed ones (edit).
    pub fn values(&self) -> Vec<(String, String)> {
        self.fields
            .iter()
            .filter(|f| match self.id {
                None => !f.input.text.trim().is_empty(),
                Some(_) => f.input.text != f.original,
            })
            .map(|f| (f.name.to_string(), f.input.text.clone()))
            .collect()
    }
}

impl App {
    fn start_form(&mut self, f: Form) -> Vec<Effect> {
        let meeting = f.kind == Kind::Meeting && f.dir.is_none();
        self.form = Some(f);
        self.mode = Mode::Insert;
        self.dirty = true;
        if !meeting {
            return vec![];
        }
        self.check_clashes();
        // Fresh meetings for the clashes (the pushes keep them so).
        self.load_meetings()
    }

    /// Opens a form for a new item.
    pub fn open_new(&mut self, kind: Kind) -> Vec<Effect> {
        self.start_form(Form::new_item(kind))
    }

    /// Opens a form editing the item in the detail pane.
    pub fn open_edit(&mut self) -> Vec<Effect> {
        let Some(row) = self.selected_row() else {
            return self.no_item();
        };
        match &self.detail {
            Some(d) if d.item.id == row.id => {
                let f = Form::edit(&d.item);
                self.start_form(f)
            }
            _ => {
                let m = self.t(T::Loading).to_string();
                self.say(Level::Info, m);
                self.load_detail()
            }
        }
    }

    /// Puts a draft back into a form.
    pub fn restore_draft(&mut self, d: Draft) -> Vec<Effect> {
        if let Some(f) = self.restore_dir_draft(&d) {
            let m = self.t(T::MsgDraftRestored).to_string();
            self.say(Level::Info, m);
            return self.start_form(f);
        }
        let Ok(kind) = Kind::parse(&d.kind) else {
            return vec![Effect::DeleteDraft(d.name)];
        };
        let mut f = Form::new_item(kind);
        f.id = d.id;
        f.code = d.code.clone();
        if let Some(id) = d.id {
            if let Some(r) = self.any_row(id) {
                f.version = r.version;
            }
        }
        for (k, v) in &d.fields {
            if let Some(ff) = f.fields.iter_mut().find(|ff| ff.name == k) {
                ff.input = TextInput::new(v);
                if d.id.is_some() {
                    // Edits compare with the stored values, which the draft does not hold:
                    // every field counts as changed only if it differs from the item.
                    ff.original = self
                        .detail
                        .as_ref()
                        .filter(|dd| Some(dd.item.id) == d.id)
                        .and_then(|dd| dd.item.get(ff.name))
                        .unwrap_or_else(|| v.clone());
                }
            }
        }
        f.focus = d.focus.min(f.fields.len().saturating_sub(1));
        let m = self.t(T::MsgDraftRestored).to_string();
        self.say(Level::Info, m);
        self.start_form(f)
    }

    fn draft(&self) -> Vec<Effect> {
        let Some(f) = &self.form else {
            return vec![];
        };
        if self.setup.drafts.is_none() {
            return vec![];
        }
        let (kind, id, code) = match &f.dir {
            Some(super::DirForm::Person(id)) => {
                ("person", (*id > 0).then_some(*id), f.code.clone())
            }
            Some(super::DirForm::Unit(key)) => ("unit", None, key.clone().unwrap_or_default()),
            None => (f.kind.english(), f.id, f.code.clone()),
        };
        vec![Effect::SaveDraft(Draft {
            name: f.draft_name(),
            kind: kind.to_string(),
            id,
            code,
            fields: f
                .fields
                .iter()
                .map(|x| (x.name.to_string(), x.input.text.clone()))
                .collect(),
            focus: f.focus,
            saved: chrono::Utc::now().timestamp(),
        })]
    }

    pub(super) fn form_key(&mut self, key: Key) -> Vec<Effect> {
        let action = match self.setup.keymap.lookup(KeyMode::Form, &[key]) {
            Lookup::Matched(c) => command::parse(&c).ok(),
            _ => None,
        };
        let Some(form) = self.form.as_mut() else {
            self.mode = Mode::Normal;
            return vec![];
        };
        let field = &mut form.fields[form.focus];
        let inp = &mut field.input;
        match action {
            Some(
                a @ (Action::FormNext
                | Action::FormPrev
                | Action::FormSave
                | Action::FormCancel
                | Action::FormEditor),
            ) => return self.form_action(a),
            Some(Action::Back) => return self.form_action(Action::FormCancel),
            Some(Action::Reapply) => return self.reapply(),
            Some(Action::Backspace) => inp.backspace(),
            Some(Action::Delete) => inp.delete(),
            Some(Action::DelWord) => inp.delete_word(),
            Some(Action::DelStart) => inp.delete_to_start(),
            Some(Action::Left) => inp.left(),
            Some(Action::Right) => inp.right(),
            Some(Action::Home) => inp.home(),
            Some(Action::End) => inp.end(),
            Some(Action::Accept) => return self.form_action(Action::FormNext),
            Some(_) => return vec![],
            None => match key.text() {
                Some(c) => inp.insert(c),
                None => return vec![],
            },
        }
        field.error = None;
        self.check_clashes();
        self.draft()
    }

    pub(super) fn form_paste(&mut self, s: &str) -> Vec<Effect> {
        if let Some(f) = self.form.as_mut() {
            let field = &mut f.fields[f.focus];
            field.input.paste(s, field.long);
            field.error = None;
        }
        self.check_clashes();
        self.draft()
    }

    /// Form navigation, save, cancel and `$EDITOR`.
    pub(super) fn form_action(&mut self, a: Action) -> Vec<Effect> {
        if a == Action::FormSave {
            if let Some(fx) = self.clash_gate() {
                return fx;
            }
        }
        let Some(form) = self.form.as_mut() else {
            return vec![];
        };
        let n = form.fields.len();
        match a {
            Action::FormNext => {
                form.focus = (form.focus + 1).min(n - 1);
                vec![]
            }
            Action::FormPrev => {
                form.focus = form.focus.saturating_sub(1);
                vec![]
            }
            Action::FormEditor => {
                let f = &form.fields[form.focus];
                vec![Effect::Editor {
                    field: form.focus,
                    text: f.input.text.clone(),
                }]
            }
            Action::FormCancel => {
                if form.changed() {
                    let text = self.t(T::ConfirmDiscard).to_string();
                    self.overlay = Some(Overlay::Confirm {
                        text,
                        yes: vec![],
                        discard_form: true,
                    });
                    vec![]
                } else {
                    self.discard_form()
                }
            }
            // A save already on its way: a second Ctrl-s must not make a
            // second item before the first one's answer closes the form.
            Action::FormSave if form.saving => vec![],
            Action::FormSave if form.dir.is_some() => self.save_dir_form(),
            Action::FormSave => {
                let values = form.values();
                if form.id.is_some() && values.is_empty() {
                    let m = self.t(T::MsgNoChanges).to_string();
                    self.say(Level::Info, m);
                    return self.discard_form();
                }
                form.saving = true;
                vec![Effect::SaveForm {
                    kind: form.kind,
                    id: form.id.map(|id| (id, form.version)),
                    fields: values,
                }]
            }
            _ => vec![],
        }
    }

    /// Closes the form and deletes its draft.
    pub fn discard_form(&mut self) -> Vec<Effect> {
        self.mode = Mode::Normal;
        match self.form.take() {
            Some(f) if self.setup.drafts.is_some() => vec![Effect::DeleteDraft(f.draft_name())],
            _ => vec![],
        }
    }

    /// Shows the model's verdict on a refused form at its fields, in the
    /// workbench's language.
    pub fn form_problems(&mut self, errs: Vec<(String, crate::model::Problem)>) {
        let lang = self.lang();
        let errs = errs
            .into_iter()
            .map(|(f, p)| (f, super::super::i18n::problem(lang, &p)))
            .collect();
        self.form_errors(errs);
    }

    /// Shows messages at a refused form's fields.
    pub fn form_errors(&mut self, errs: Vec<(String, String)>) {
        let n = errs.len();
        let lang = self.lang();
        if let Some(f) = self.form.as_mut() {
            f.saving = false;
            let mut first = None;
            for (name, msg) in errs {
                if let Some(i) = f.fields.iter().position(|x| x.name == name) {
                    f.fields[i].error = Some(msg);
                    first.get_or_insert(i);
                } else if let Some(x) = f.fields.first_mut() {
                    let label = fields::spec(&name)
                        .map(|s| lang.label(s.label, s.name))
                        .unwrap_or_else(|| crate::model::sanitize::escape(&name));
                    x.error = Some(tr(lang, T::FieldProblem, &[&label, &msg]));
                    first.get_or_insert(0);
                }
            }
            if let Some(i) = first {
                f.focus = i;
            }
        }
        let m = self.tf(T::MsgFormErrors, &[&n.to_string()]);
        self.say(Level::Error, m);
    }

    /// `$EDITOR` came back with a field's text.
    pub fn edited(&mut self, field: usize, text: String) -> Vec<Effect> {
        if let Some(f) = self.form.as_mut() {
            if let Some(x) = f.fields.get_mut(field) {
                x.input = TextInput::new(text.trim_end_matches('\n'));
                x.error = None;
            }
        }
        self.dirty = true;
        self.clear = true;
        self.check_clashes();
        self.draft()
    }
}
