//! For Windows builds only: embeds the program icon and the version information in
//! `steward.exe`, compiled with mingw's `windres`. Other targets need nothing here.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon/steward.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it"));
    let icon = manifest.join("assets/icon/steward.ico");
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets it");
    let number = |name: &str| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse::<u16>().ok())
            .unwrap_or(0)
    };
    let numbers = format!(
        "{},{},{},0",
        number("CARGO_PKG_VERSION_MAJOR"),
        number("CARGO_PKG_VERSION_MINOR"),
        number("CARGO_PKG_VERSION_PATCH")
    );
    let description = "Steward: keep ownership of your new business system in-house";
    // FILEOS 0x40004 is VOS_NT_WINDOWS32; FILETYPE 1 is VFT_APP.
    let rc = format!(
        r#"1 ICON "{icon}"
1 VERSIONINFO
FILEVERSION {numbers}
PRODUCTVERSION {numbers}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904b0"
    BEGIN
      VALUE "CompanyName", "Steward"
      VALUE "FileDescription", "{description}"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "steward"
      VALUE "LegalCopyright", "MIT License"
      VALUE "OriginalFilename", "steward.exe"
      VALUE "ProductName", "Steward"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x409, 1200
  END
END
"#,
        icon = icon.display().to_string().replace('\\', "/"),
    );
    let rc_path = out.join("steward.rc");
    std::fs::write(&rc_path, rc).expect("OUT_DIR is writable");
    let object = out.join("steward-resources.o");
    let windres = std::env::var("WINDRES").unwrap_or_else(|_| "x86_64-w64-mingw32-windres".into());
    let status = std::process::Command::new(&windres)
        .arg("-O")
        .arg("coff")
        .arg("-i")
        .arg(&rc_path)
        .arg("-o")
        .arg(&object)
        .status();
    match status {
        Ok(s) if s.success() => println!("cargo:rustc-link-arg-bin=steward={}", object.display()),
        Ok(s) => panic!("{windres} failed ({s}): the icon and version cannot be embedded"),
        Err(e) => println!(
            "cargo:warning=no icon or version embedded in steward.exe: {windres} cannot run ({e}); apt-get install binutils-mingw-w64-x86-64"
        ),
    }
}
