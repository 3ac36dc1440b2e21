//! Forms for the 通訊錄: a person (name, unit, post, phones, notes) or a
//! unit (name, abbreviations, key, phone, 機關代字), checked here in the
//! clerk's words (errors at the field), saved with `save_directory`.

use crate::model::directory_csv::{key_ok, phone_ok, split_list as split};
use crate::model::{Person, Unit};
use crate::search::fold::{fold, pinyin_forms};

use super::super::event::{DirKey, Effect};
use super::super::i18n::T;
use super::super::input::TextInput;
use super::directory::unit_id;
use super::{App, DirRow, Form, FormField, Level, Mode, TabKind};

/// What a directory form edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirForm {
    /// A person (id 0: a new one).
    Person(u64),
    /// A unit (`None`: a new one, else its key).
    Unit(Option<String>),
}

impl DirForm {
    /// The draft's kind.
    pub fn kind_name(&self) -> &'static str {
        match self {
            DirForm::Person(_) => "person",
            DirForm::Unit(_) => "unit",
        }
    }
}

const PERSON: &[(&str, &str)] = &[
    ("name", "姓名"),
    ("unit", "單位"),
    ("title", "職務"),
    ("phones", "電話"),
    ("notes", "備註"),
];

const UNIT: &[(&str, &str)] = &[
    ("name", "全稱"),
    ("abbreviations", "簡稱"),
    ("key", "代號"),
    ("phone", "總機"),
    ("doc_prefix", "機關代字"),
];

fn dir_form(
    dir: DirForm,
    code: String,
    spec: &[(&'static str, &'static str)],
    values: &[String],
) -> Form {
    let mut f = Form::new_item(crate::model::Kind::Affair);
    f.fields = spec
        .iter()
        .zip(values)
        .map(|((name, label), v)| FormField {
            name,
            label,
            long: false,
            input: TextInput::new(v),
            original: v.clone(),
            error: None,
        })
        .collect();
    f.dir = Some(dir);
    f.code = code;
    f
}

impl App {
    fn value(f: &Form, name: &str) -> String {
        f.fields
            .iter()
            .find(|x| x.name == name)
            .map(|x| x.input.text.trim().to_string())
            .unwrap_or_default()
    }

    /// A form for a new person, in the unit under the cursor.
    pub fn new_person(&mut self) -> Vec<Effect> {
        let unit = match self.dir_selected() {
            Some(DirRow::Unit(u)) => u.name.clone(),
            Some(DirRow::Person(p)) => self.unit_name(&p.unit),
            None => String::new(),
        };
        let mut values = vec![String::new(); PERSON.len()];
        values[1] = unit;
        let mut f = dir_form(DirForm::Person(0), String::new(), PERSON, &values);
        // The unit is filled in: it counts as typed only if changed.
        f.fields[1].original = f.fields[1].input.text.clone();
        self.open_dir_form(f)
    }

    /// A form for a new unit.
    pub fn new_unit(&mut self) -> Vec<Effect> {
        let values = vec![String::new(); UNIT.len()];
        let f = dir_form(DirForm::Unit(None), String::new(), UNIT, &values);
        self.open_dir_form(f)
    }

    /// A form editing the entry under the cursor.
    pub fn edit_dir(&mut self) -> Vec<Effect> {
        let f = match self.dir_selected().cloned() {
            Some(DirRow::Person(p)) => {
                let values = [
                    p.name.clone(),
                    self.unit_name(&p.unit),
                    p.title.clone(),
                    p.phones.join("、"),
                    p.notes.clone(),
                ];
                dir_form(DirForm::Person(p.id), p.name, PERSON, &values)
            }
            Some(DirRow::Unit(u)) => {
                let values = [
                    u.name.clone(),
                    u.abbreviations.join("、"),
                    u.key.clone(),
                    u.phone.clone(),
                    u.doc_prefix.clone(),
                ];
                dir_form(DirForm::Unit(Some(u.key.clone())), u.name, UNIT, &values)
            }
            None => return self.no_item(),
        };
        self.open_dir_form(f)
    }

    fn open_dir_form(&mut self, f: Form) -> Vec<Effect> {
        self.form = Some(f);
        self.mode = Mode::Insert;
        self.dirty = true;
        vec![]
    }

    /// Puts a directory draft back into its form.
    pub(super) fn restore_dir_draft(&mut self, d: &super::super::draft::Draft) -> Option<Form> {
        let (dir, spec) = match d.kind.as_str() {
            "person" => (DirForm::Person(d.id.unwrap_or(0)), PERSON),
            "unit" if d.code.is_empty() => (DirForm::Unit(None), UNIT),
            "unit" => (DirForm::Unit(Some(d.code.clone())), UNIT),
            _ => return None,
        };
        let values: Vec<String> = spec
            .iter()
            .map(|(n, _)| {
                d.fields
                    .iter()
                    .find(|(k, _)| k == n)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            })
            .collect();
        let mut f = dir_form(dir, d.code.clone(), spec, &values);
        for x in f.fields.iter_mut() {
            x.original.clear();
        }
        f.focus = d.focus.min(f.fields.len().saturating_sub(1));
        Some(f)
    }

    fn check_person(&self, f: &Form, id: u64) -> Result<Person, Vec<(String, String)>> {
        let mut errs = vec![];
        let name = App::value(f, "name");
        if name.is_empty() {
            errs.push(("name".into(), self.t(T::ErrRequired).to_string()));
        }
        let unit_text = App::value(f, "unit");
        let unit = match self.resolve_unit(&unit_text) {
            Some(u) => u.key.clone(),
            None if unit_text.is_empty() => String::new(),
            None => {
                errs.push(("unit".into(), self.tf(T::ErrNoUnit, &[&unit_text])));
                String::new()
            }
        };
        let phones = split(&App::value(f, "phones"));
        if let Some(bad) = phones.iter().find(|p| !phone_ok(p)) {
            errs.push(("phones".into(), self.tf(T::ErrPhone, &[bad])));
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        Ok(Person {
            id,
            name,
            unit,
            title: App::value(f, "title"),
            phones,
            notes: App::value(f, "notes"),
        })
    }

    fn check_unit(&self, f: &Form, was: Option<&str>) -> Result<Unit, Vec<(String, String)>> {
        let mut errs = vec![];
        let name = App::value(f, "name");
        if name.is_empty() {
            errs.push(("name".into(), self.t(T::ErrRequired).to_string()));
        }
        let mut key = App::value(f, "key");
        match was {
            Some(k) if k != key => errs.push(("key".into(), self.t(T::ErrKeyFixed).to_string())),
            Some(_) => {}
            None if key.is_empty() => {
                // No key typed: the name's pinyin initials, made unique.
                let base = pinyin_forms(&fold(&name)).1;
                let base: String = base.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
                let base = if base.is_empty() {
                    "unit".to_string()
                } else {
                    base
                };
                key = base.clone();
                let mut n = 2;
                while self.unit(&key).is_some() {
                    key = format!("{base}{n}");
                    n += 1;
                }
            }
            None if !key_ok(&key) => errs.push(("key".into(), self.t(T::ErrKey).to_string())),
            None => {
                if let Some(u) = self.unit(&key) {
                    errs.push(("key".into(), self.tf(T::ErrKeyTaken, &[&key, &u.name])));
                }
            }
        }
        let phone = App::value(f, "phone");
        if !phone.is_empty() && !phone_ok(&phone) {
            errs.push(("phone".into(), self.tf(T::ErrPhone, &[&phone])));
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        Ok(Unit {
            key,
            name,
            abbreviations: split(&App::value(f, "abbreviations")),
            phone,
            doc_prefix: App::value(f, "doc_prefix"),
        })
    }

    /// Checks a directory form and saves it, or shows what is wrong at the fields.
    pub(super) fn save_dir_form(&mut self) -> Vec<Effect> {
        let Some(f) = self.form.clone() else {
            return vec![];
        };
        let checked = match &f.dir {
            Some(DirForm::Person(id)) => self.check_person(&f, *id).map(|p| {
                let select = DirKey::Person(p.id, p.name.clone(), p.unit.clone());
                (vec![], vec![p], select)
            }),
            Some(DirForm::Unit(was)) => self.check_unit(&f, was.as_deref()).map(|u| {
                let select = DirKey::Unit(u.key.clone());
                (vec![u], vec![], select)
            }),
            None => return vec![],
        };
        match checked {
            Err(errs) => {
                self.form_errors(errs);
                vec![]
            }
            Ok((units, people, select)) => {
                if let Some(f) = self.form.as_mut() {
                    f.saving = true;
                }
                vec![Effect::SaveDirectory {
                    units,
                    people,
                    select,
                }]
            }
        }
    }

    /// The directory was saved: the form closes, the entry is selected.
    pub fn directory_saved(
        &mut self,
        units: Vec<Unit>,
        people: Vec<Person>,
        select: DirKey,
    ) -> Vec<Effect> {
        self.units = units;
        self.people = people;
        let mut fx = self.discard_form();
        self.filter_people();
        let (id, name) = match &select {
            DirKey::Person(id, name, _) => (*id, name.clone()),
            DirKey::Unit(key) => (
                unit_id(key),
                self.unit(key).map(|u| u.name.clone()).unwrap_or_default(),
            ),
        };
        if self.tab_kind() != TabKind::Directory {
            fx.extend(self.goto_tab(App::dir_tab()));
        }
        fx.extend(self.select_dir(id));
        let m = self.tf(T::MsgSaved, &[&name]);
        self.say(Level::Info, m);
        fx
    }
}
