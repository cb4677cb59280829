//! Fuzz target: any bytes as a city profile must load or fail with diagnostics, never panic;
//! a profile that loads must analyse and plan.
#![no_main]

use inclusive_cities::load::{builtin_model, decode_text, parse_city};
use inclusive_cities::plan::build_plan;
use inclusive_cities::{Network, analyse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = decode_text("fuzz.yaml".to_owned(), data.to_vec()) else {
        return;
    };
    let model = builtin_model();
    if let Some(city) = parse_city(&file, model).value {
        let network = Network::build(&city, model);
        let analysis = analyse(model, &city, &network);
        let _ = build_plan(model, &city, &analysis);
    }
});
