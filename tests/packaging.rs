//! The packaging files agree with each other and with the app: one extension, one MIME type,
//! an icon in every size the packages install. (scripts/test-packages.sh installs the real
//! packages; this catches a mismatch before any package is built.)

use steward::storage::naming::PROJECT_EXTENSION;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn the_desktop_entry_and_the_mime_type_name_the_same_type_and_our_extension() {
    let desktop = read("packaging/linux/steward.desktop");
    let mime = read("packaging/linux/steward-mime.xml");
    let kind = "application/x-steward-project";
    assert!(desktop.contains(&format!("MimeType={kind};")), "{desktop}");
    assert!(desktop.contains("Exec=steward %f"), "a double-click passes the file");
    assert!(desktop.contains("Icon=steward"));
    assert!(mime.contains(&format!("type=\"{kind}\"")));
    assert!(mime.contains(&format!("<glob pattern=\"*.{PROJECT_EXTENSION}\"/>")));
}

#[test]
fn the_installer_registers_our_extension_to_open_the_file_it_is_given() {
    let nsi = read("packaging/windows/steward.nsi");
    assert!(nsi.contains(&format!(r#"Software\Classes\.{PROJECT_EXTENSION}" "" "${{PROGID}}""#)));
    assert!(nsi.contains(r#"shell\open\command" "" '"$INSTDIR\steward.exe" "%1"'"#));
    assert!(nsi.contains("RequestExecutionLevel user"), "no administrator rights");
    // The uninstaller deletes files one by one and the folder only when empty.
    assert!(
        !nsi.contains("RMDir /r"),
        "never removes a folder with the user's files in it"
    );
}

#[test]
fn the_icon_exists_in_every_size_and_the_ico_holds_them_all() {
    let dir = format!("{}/assets/icon", env!("CARGO_MANIFEST_DIR"));
    let sizes = [16u32, 24, 32, 48, 64, 128, 256];
    for size in sizes {
        let png = std::fs::read(format!("{dir}/steward-{size}.png")).unwrap();
        // PNG: width and height are big-endian at bytes 16..24.
        let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((w, h), (size, size), "steward-{size}.png");
    }
    let ico = std::fs::read(format!("{dir}/steward.ico")).unwrap();
    assert_eq!(&ico[0..4], &[0, 0, 1, 0], "an icon file");
    let count = u16::from_le_bytes([ico[4], ico[5]]) as usize;
    let mut found: Vec<u32> = (0..count)
        .map(|i| match ico[6 + 16 * i] {
            0 => 256,
            side => side as u32,
        })
        .collect();
    found.sort();
    assert_eq!(found, sizes);
    assert!(
        std::fs::read_to_string(format!("{dir}/steward.svg"))
            .unwrap()
            .contains("<svg")
    );
}
