//! Inputs the fuzz targets once crashed on (`tests/fuzz-regressions/TARGET-*.bin`), replayed
//! the way each target feeds them.

use std::fs;
use std::path::Path;

const NAMES: &[&str] = &["a.txt", "a.md", "a.html", "a.jsonl"];

#[test]
fn every_kept_crash_input_now_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut replayed = 0;
    for entry in fs::read_dir(&dir).expect("regression inputs") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let data = fs::read(&path).expect("read");
        if name.starts_with("loaders-") {
            let Some((&selector, bytes)) = data.split_first() else {
                continue;
            };
            let file = NAMES[selector as usize % NAMES.len()];
            for article in claimlint::corpus::load_file_bytes(Path::new(file), bytes)
                .into_iter()
                .flatten()
            {
                let (start, end) = article.map.to_source(0, article.text.len());
                assert!(start <= end, "{name}");
            }
        } else if name.starts_with("dates-") {
            let text = String::from_utf8_lossy(&data);
            let _ = claimlint::extract::Extractor::new().extract(&text, None);
        } else if name.starts_with("pack-") {
            let source = claimlint::pack::PackSource {
                file: name.clone(),
                text: String::from_utf8_lossy(&data).into_owned(),
            };
            let _ = claimlint::pack::compile(&[source]);
        } else {
            continue;
        }
        replayed += 1;
    }
    assert!(replayed >= 1, "no regression input was replayed");
}
