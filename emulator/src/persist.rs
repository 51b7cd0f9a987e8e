//! The data file: read once at start-up, replaced atomically (temp file + rename) on each change.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::store::Data;

/// Reads the data file. A missing file is an empty store; anything else that goes wrong is an
/// error naming the file, and the file is left exactly as it was.
pub fn load(path: &Path) -> Result<Data, String> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Data::default()),
        Err(e) => return Err(format!("cannot read data file {}: {e}", path.display())),
    };
    serde_json::from_slice(&bytes).map_err(|e| {
        format!(
            "data file {} is not a valid emulator store ({e}); fix or move it away, it was left untouched",
            path.display()
        )
    })
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".tmp-{}", std::process::id()));
    path.with_file_name(name)
}

/// Writes `bytes` to `path` so that a crash leaves either the old or the new file, never half.
pub fn save(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let fail = |what: &str, e: std::io::Error| format!("could not {what} {}: {e}", path.display());
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| fail("create the directory of", e))?;
    }
    let temp = temp_path(path);
    let written = fs::File::create(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(fail("write", e));
    }
    fs::rename(&temp, path).map_err(|e| {
        let _ = fs::remove_file(&temp);
        fail("replace", e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_then_load_round_trips_and_corrupt_files_are_refused() {
        let dir = std::env::temp_dir().join(format!("cf-mcp-persist-{}", std::process::id()));
        let path = dir.join("data.json");
        assert!(load(&path).unwrap().is_empty());
        save(&path, br#"{"accounts":{"a":{}}}"#).unwrap();
        assert!(load(&path).unwrap().accounts.contains_key("a"));
        fs::write(&path, "{not json").unwrap();
        let err = load(&path).unwrap_err();
        assert!(err.contains("data.json"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "{not json");
        let _ = fs::remove_dir_all(dir);
    }
}
