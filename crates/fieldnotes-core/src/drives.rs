//! Finding mounted removable drives (USB sticks, SD cards) to offer as
//! backup targets. Any folder works as a target too; this only helps pick.
//!
//! On Linux a mount counts as removable when its block device (or the disk
//! it is a partition of) has `removable` set to 1 in sysfs. Elsewhere the
//! list is empty and the user picks a folder.

use std::path::PathBuf;

use serde::Serialize;

/// A mounted removable drive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Drive {
    pub mount_point: PathBuf,
    pub device: String,
    pub filesystem: String,
}

/// The removable drives mounted now.
pub fn removable_drives() -> Vec<Drive> {
    #[cfg(target_os = "linux")]
    {
        let mounts = std::fs::read_to_string("/proc/mounts").unwrap_or_default();
        parse_mounts(&mounts, &|dev| sysfs_removable(dev))
    }
    #[cfg(not(target_os = "linux"))]
    Vec::new()
}

#[cfg(target_os = "linux")]
fn sysfs_removable(device: &str) -> bool {
    let name = device.trim_start_matches("/dev/");
    let flag = |disk: &str| {
        std::fs::read_to_string(format!("/sys/block/{disk}/removable"))
            .is_ok_and(|s| s.trim() == "1")
    };
    if flag(name) {
        return true;
    }
    // A partition: /sys/class/block/sdb1 links into .../block/sdb/sdb1.
    std::fs::read_link(format!("/sys/class/block/{name}"))
        .ok()
        .and_then(|link| link.parent()?.file_name()?.to_str().map(str::to_owned))
        .is_some_and(|disk| flag(&disk))
}

/// /proc/mounts writes space, tab, newline and backslash as octal escapes.
fn unescape(field: &str) -> String {
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\'
            && i + 3 < bytes.len()
            && bytes[i + 1..i + 4]
                .iter()
                .all(|b| (b'0'..=b'7').contains(b))
        {
            let v = (bytes[i + 1] - b'0') * 64 + (bytes[i + 2] - b'0') * 8 + (bytes[i + 3] - b'0');
            out.push(v);
            i += 4;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(crate) fn parse_mounts(text: &str, is_removable: &dyn Fn(&str) -> bool) -> Vec<Drive> {
    text.lines()
        .filter_map(|line| {
            let mut f = line.split_whitespace();
            let (device, mount, fs) = (f.next()?, f.next()?, f.next()?);
            (device.starts_with("/dev/") && is_removable(device)).then(|| Drive {
                mount_point: PathBuf::from(unescape(mount)),
                device: device.to_owned(),
                filesystem: fs.to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_removable_mounts_and_unescapes_paths() {
        let mounts = "/dev/vda / ext4 rw 0 0\n\
                      proc /proc proc rw 0 0\n\
                      /dev/sdb1 /media/worker/USB\\040STICK vfat rw 0 0\n\
                      tmpfs /tmp tmpfs rw 0 0\n";
        let drives = parse_mounts(mounts, &|d| d == "/dev/sdb1");
        assert_eq!(drives.len(), 1);
        assert_eq!(
            drives[0].mount_point,
            PathBuf::from("/media/worker/USB STICK")
        );
        assert_eq!(drives[0].filesystem, "vfat");
    }

    #[test]
    fn this_machine_lists_only_mounted_folders() {
        // Whatever is plugged in here, every drive listed is a real folder
        // mounted from a device.
        for d in removable_drives() {
            assert!(d.mount_point.is_dir(), "{d:?}");
            assert!(d.device.starts_with("/dev/"), "{d:?}");
        }
    }
}
