//! The JSON Schema (draft-07) of the profile format, for editors (completion, red squiggles)
//! and checks. Generated with schemars from the types below, which mirror the file's shape with
//! a doc comment per field; the model's sector, capability and link-kind ids are filled in as
//! enums, so the schema follows the model in use.

#![allow(dead_code)]

use crate::model::Model;
use crate::model::city::{ActorStatus, FundingKind};
use schemars::JsonSchema;
use schemars::transform::RestrictFormats;
use serde_json::{Value, json};

/// A city profile, format `inclusive-cities/v1`: one city's organisations (actors), their
/// partnerships, existing initiatives, governance, prospects and tracked actions.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, title = "inclusive-cities city profile")]
struct Profile {
    /// The format version: `inclusive-cities/v1`.
    format: FormatVersion,
    /// The city.
    city: CityBlock,
    /// The organisations of the city.
    actors: Vec<Actor>,
    /// Partnerships between actors: `between: [a, b]` (two-way) or `from`/`to` (referrals from one to the other).
    #[serde(default)]
    partnerships: Vec<Partnership>,
    /// Practices that already exist (asset mapping).
    #[serde(default)]
    initiatives: Vec<Initiative>,
    /// The partnership's governance; absent means none of it exists yet.
    governance: Option<Governance>,
    /// Organisations being approached; not yet in the network.
    #[serde(default)]
    prospects: Vec<Prospect>,
    /// Status of actions from an earlier plan, by the ids the plan printed.
    #[serde(default)]
    actions: Vec<TrackedAction>,
}

/// The format version this build reads.
#[derive(JsonSchema)]
enum FormatVersion {
    /// Version 1.
    #[serde(rename = "inclusive-cities/v1")]
    V1,
}

/// A slug: lowercase letters, digits and `-`.
#[derive(JsonSchema)]
#[schemars(transparent)]
struct Slug(
    #[schemars(regex(pattern = r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"), length(max = 64))] String,
);

/// A name: one line of at most 200 characters, without a control character or a
/// bidirectional control.
#[derive(JsonSchema)]
#[schemars(transparent)]
struct Name(
    #[schemars(
        regex(pattern = r"^[^\x00-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"),
        length(max = 200)
    )]
    String,
);

/// A description or a note: at most 2,000 characters; line breaks and tabs, but no other
/// control character and no bidirectional control.
#[derive(JsonSchema)]
#[schemars(transparent)]
struct Description(
    #[schemars(
        regex(pattern = r"^[^\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"),
        length(max = 2000)
    )]
    String,
);

/// A date, `YYYY-MM-DD`.
#[derive(JsonSchema)]
#[schemars(transparent)]
struct Day(#[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))] String);

/// A sector of the model.
#[derive(JsonSchema)]
struct Sector(String);

/// A capability of the model (derived capabilities are worked out by the engine, not declared).
#[derive(JsonSchema)]
struct Capability(String);

/// A kind of partnership of the model.
#[derive(JsonSchema)]
struct LinkKind(String);

/// The city.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct CityBlock {
    /// The city's slug.
    id: Slug,
    /// Its name.
    name: Name,
    /// ISO 3166-1 alpha-2 country code, e.g. `GB`.
    #[schemars(regex(pattern = r"^[A-Z]{2}$"))]
    country: String,
    /// Population, when known.
    #[schemars(range(min = 0))]
    population: Option<u64>,
    /// The date the profile describes; funding horizons count from here.
    as_of: Day,
    /// The areas a plan is checked across.
    #[serde(default)]
    districts: Vec<District>,
    /// The sectors this profile has mapped so far; omitted: all of them. A sector left out is
    /// not assessed: it is never a missing sector.
    #[schemars(length(min = 1))]
    mapped_sectors: Option<Vec<Sector>>,
    /// Actions the partnership can carry in a year (a plan's default is 6).
    #[schemars(range(min = 1))]
    capacity: Option<u32>,
}

/// A district of the city.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct District {
    /// Slug.
    id: Slug,
    /// Name.
    name: Name,
    /// Whether the district is rural (default false).
    #[serde(default)]
    rural: bool,
}

/// How far an organisation has committed.
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
enum Commitment {
    /// Signed up and acting.
    Committed,
    /// Taking part, not yet committed.
    Engaged,
    /// Known, not yet approached or responding (the default).
    Identified,
    /// Approached and said no.
    Declined,
    /// The profile does not know yet: counts as engaged in scores; a gap resting on it is assumed.
    Unknown,
}

/// An initiative that runs now, or one that is planned.
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
enum InitiativeStatus {
    /// Runs now (the default).
    Active,
    /// Planned: listed in plans, closing no gap yet.
    Planned,
}

/// `true` when the number of organisations is not known, else about how many (2 or more).
#[derive(JsonSchema)]
#[serde(untagged)]
enum Group {
    /// Several, the number not known.
    Several(#[schemars(extend("const" = true))] bool),
    /// About this many organisations.
    About(#[schemars(range(min = 2))] u32),
}

/// `true`, `false` or `unknown`.
#[derive(JsonSchema)]
#[serde(untagged)]
enum Formal {
    /// Known.
    Known(bool),
    /// Not known yet.
    Unknown(UnknownWord),
}

/// The word `unknown`.
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
enum UnknownWord {
    /// Not known yet.
    Unknown,
}

/// An organisation of the city.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Actor {
    /// Slug, unique across actors, initiatives and prospects.
    id: Slug,
    /// Name.
    name: Name,
    /// A description (an extension of v1): up to 2,000 characters, line breaks allowed.
    description: Option<Description>,
    /// Its sector.
    sector: Sector,
    /// How far it has committed (default `identified`).
    commitment: Option<Commitment>,
    /// Led by people with lived experience of recovery (default false).
    #[serde(default)]
    lived_experience_led: bool,
    /// Capabilities it provides.
    #[serde(default)]
    provides: Vec<Capability>,
    /// Offers online provision (default false).
    #[serde(default)]
    online: bool,
    /// Districts it serves; omitted: the whole city.
    #[serde(default)]
    districts: Vec<Slug>,
    /// Its funding sources.
    #[serde(default)]
    funding: Vec<Funding>,
    /// `active` (default), `planned` or `closed`; planned and closed actors are outside the network.
    status: Option<ActorStatus>,
    /// When it closed (with `status: closed`; omitted: a recent closure).
    closed_on: Option<Day>,
    /// When it starts (with `status: planned`).
    starts: Option<Day>,
    /// Beds, places or slots it offers (or offered).
    #[schemars(range(min = 1))]
    places: Option<u32>,
    /// The entry stands for a group of organisations: about how many, or `true`.
    group: Option<Group>,
    /// People (or visits) an entry point sees a year.
    #[schemars(range(min = 1))]
    contacts_per_year: Option<u32>,
    /// Typical wait from referral to a first appointment, in weeks.
    #[schemars(range(min = 1))]
    waiting_weeks: Option<u32>,
    /// Actions it can lead in a year (a plan's default otherwise).
    #[schemars(range(min = 0))]
    lead_capacity: Option<u32>,
}

/// A funding source.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Funding {
    /// The funder (a slug; it may or may not be an actor).
    source: Slug,
    /// When the funding ends; omitted: open-ended.
    until: Option<Day>,
    /// How it is given.
    kind: Option<FundingKind>,
}

/// A partnership: `between: [a, b]`, or `from` and `to`, never both.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Partnership {
    /// The two actors of a two-way partnership.
    #[schemars(length(min = 2, max = 2))]
    between: Option<Vec<Slug>>,
    /// The actor people are referred from.
    from: Option<Slug>,
    /// The actor people are referred to.
    to: Option<Slug>,
    /// The kind of partnership.
    kind: LinkKind,
    /// A written agreement exists: `true`, `false` (default) or `unknown`.
    formal: Option<Formal>,
    /// Referrals are handed over in person (referral only; default false).
    #[serde(default)]
    warm_handover: bool,
    /// When it started.
    since: Option<Day>,
    /// Flow a year, e.g. referrals.
    #[schemars(range(min = 0))]
    per_year: Option<u32>,
    /// Trust, 1-4, as rated in a PARTNER-style survey.
    #[schemars(range(min = 1, max = 4))]
    trust: Option<u8>,
    /// Value, 1-4.
    #[schemars(range(min = 1, max = 4))]
    value: Option<u8>,
}

/// A practice that already exists.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Initiative {
    /// Slug, unique across actors, initiatives and prospects.
    id: Slug,
    /// Name.
    name: Name,
    /// A description (an extension of v1): up to 2,000 characters, line breaks allowed.
    description: Option<Description>,
    /// Capabilities it provides.
    provides: Vec<Capability>,
    /// Actors that lead it.
    led_by: Vec<Slug>,
    /// Actors that take part.
    #[serde(default)]
    partners: Vec<Slug>,
    /// Districts it serves; omitted: the whole city.
    #[serde(default)]
    districts: Vec<Slug>,
    /// How many times a year it happens.
    #[schemars(range(min = 0))]
    per_year: Option<u32>,
    /// Open to the public (default false).
    #[serde(default)]
    public: bool,
    /// `active` (default) or `planned`.
    status: Option<InitiativeStatus>,
    /// When a planned initiative starts.
    starts: Option<Day>,
}

/// The partnership's governance.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Governance {
    /// The existing board's own name (a Combating Drugs Partnership, ...).
    name: Option<Name>,
    /// Actors on the partnership board.
    #[serde(default)]
    board: Vec<Slug>,
    /// Board seats held by people in recovery.
    #[schemars(range(min = 0))]
    people_in_recovery_seats: Option<u32>,
    /// Board seats held by family members.
    #[schemars(range(min = 0))]
    family_seats: Option<u32>,
    /// A mission has been adopted.
    #[serde(default)]
    mission_adopted: bool,
    /// The plan is monitored.
    #[serde(default)]
    monitoring: bool,
}

/// An organisation being approached.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Prospect {
    /// Slug, unique across actors, initiatives and prospects.
    id: Slug,
    /// Name.
    name: Name,
    /// A description (an extension of v1): up to 2,000 characters, line breaks allowed.
    description: Option<Description>,
    /// Its sector.
    sector: Sector,
    /// Capabilities it would bring.
    #[serde(default)]
    provides: Vec<Capability>,
    /// Districts it would serve.
    #[serde(default)]
    districts: Vec<Slug>,
    /// Actors it would partner with.
    #[serde(default)]
    would_partner_with: Vec<Slug>,
    /// Led by people with lived experience of recovery (default false).
    #[serde(default)]
    lived_experience_led: bool,
    /// Would offer online provision (default false).
    #[serde(default)]
    online: bool,
    /// Beds, places or slots it would offer.
    #[schemars(range(min = 1))]
    places: Option<u32>,
}

/// Where an action stands.
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
enum Status {
    /// Proposed, not agreed.
    Proposed,
    /// Agreed by the partnership.
    Agreed,
    /// Under way.
    InProgress,
    /// Done.
    Done,
    /// Dropped.
    Dropped,
}

/// The recorded status of an action from an earlier plan.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct TrackedAction {
    /// The action id the plan printed, e.g. `missing-link.harm_reduction.recovery_community`.
    id: Name,
    /// Its status.
    status: Status,
    /// The actor that owns it.
    owner: Option<Slug>,
    /// When it is due.
    due: Option<Day>,
    /// A free note.
    note: Option<Description>,
}

/// Removes `null` as an allowed type, recursively: `["string", "null"]` becomes `"string"`, and
/// `anyOf: [X, {type: null}]` becomes X.
fn drop_null(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(any)) = map.get("anyOf") {
                let rest: Vec<Value> = any
                    .iter()
                    .filter(|s| s.get("type") != Some(&json!("null")))
                    .cloned()
                    .collect();
                if rest.len() == 1 {
                    map.remove("anyOf");
                    if let Value::Object(inner) = &rest[0] {
                        for (k, v) in inner {
                            map.entry(k.clone()).or_insert_with(|| v.clone());
                        }
                    }
                }
            }
            map.values_mut().for_each(drop_null);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}

/// The profile's JSON Schema for `model`, pretty-printed with a final newline.
pub fn profile_schema(model: &Model) -> String {
    // schemars marks integers with formats of its own (`uint8`, `uint32`, `uint64`), which ajv's
    // strict mode refuses: keep draft-07's formats only (`minimum`/`maximum` still bound them).
    let generator = schemars::generate::SchemaSettings::draft07()
        .with_transform(RestrictFormats::default())
        .into_generator();
    let schema = generator.into_root_schema_for::<Profile>();
    let mut value: Value = schema.to_value();
    // Optional fields may be left out, not written as `null`: the loader rejects `~` there.
    drop_null(&mut value);
    let defs = value["definitions"]
        .as_object_mut()
        .expect("draft-07 schemas keep definitions");
    let ids = |items: Vec<(&str, &str)>| -> (Vec<Value>, String) {
        let list: Vec<Value> = items.iter().map(|(id, _)| json!(id)).collect();
        let text = items
            .iter()
            .map(|(id, name)| format!("`{id}`: {name}"))
            .collect::<Vec<_>>()
            .join("; ");
        (list, text)
    };
    let (sectors, sector_text) = ids(model
        .sectors
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect());
    let declared = model.capabilities.iter().filter(|c| c.derived.is_none());
    let (capabilities, capability_text) =
        ids(declared.map(|c| (c.id.as_str(), c.name.as_str())).collect());
    let (kinds, kind_text) = ids(model
        .link_kinds
        .iter()
        .map(|k| (k.id.as_str(), k.name.as_str()))
        .collect());
    defs.insert("Sector".into(), json!({ "type": "string", "enum": sectors, "description": format!("A sector of the model: {sector_text}.") }));
    defs.insert("Capability".into(), json!({ "type": "string", "enum": capabilities, "description": format!("A capability of the model: {capability_text}.") }));
    defs.insert("LinkKind".into(), json!({ "type": "string", "enum": kinds, "description": format!("A kind of partnership: {kind_text}.") }));
    if let Some(p) = defs.get_mut("Partnership").and_then(Value::as_object_mut) {
        p.insert(
            "oneOf".into(),
            // `false`: the key may not be there. Each branch names the keys it requires, as
            // ajv's `strictRequired` asks (a `required` inside `not` is refused).
            json!([
                { "required": ["between"], "properties": { "between": true, "from": false, "to": false } },
                { "required": ["from", "to"], "properties": { "between": false, "from": true, "to": true } }
            ]),
        );
    }
    value["$id"] = json!("https://inclusive-cities.example/schema/profile-v1.schema.json");
    let mut out = serde_json::to_string_pretty(&value).expect("a schema serialises");
    out.push('\n');
    out
}
