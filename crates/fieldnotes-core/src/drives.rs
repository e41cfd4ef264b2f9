//! Finding mounted removable drives (USB sticks, SD cards) to offer as
//! backup targets, with their label and free space. Any folder works as a
//! target too; this only helps pick.
//!
//! The mounted volumes, their space and whether each is removable come from
//! `sysinfo`, on Linux, Windows and macOS alike. Two gaps of it on Linux are
//! filled here: it counts only USB devices as removable (an SD card in a
//! built-in reader has sysfs's `removable` flag instead), and it does not
//! read volume labels (udev's `/dev/disk/by-label` has them).
//!
//! Invariant: every drive listed is a folder that exists now; the list is
//! sorted by mount point, each mount point once.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sysinfo::{Disk, Disks};

/// A mounted removable drive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Drive {
    pub mount_point: PathBuf,
    /// The device (`/dev/sdb1`); on Windows and macOS the volume's name.
    pub device: String,
    pub filesystem: String,
    /// The volume label the user gave the drive ("BACKUP"), when it has one.
    pub label: Option<String>,
    pub available_bytes: u64,
    pub total_bytes: u64,
}

impl Drive {
    /// What to call the drive: its label, else the last part of where it
    /// is mounted (`/media/ana/USB STICK` → `USB STICK`), else the path.
    pub fn display_name(&self) -> String {
        self.label
            .clone()
            .or_else(|| {
                let name = self.mount_point.file_name()?.to_string_lossy();
                (!name.is_empty()).then(|| name.into_owned())
            })
            .unwrap_or_else(|| self.mount_point.display().to_string())
    }
}

/// The removable drives mounted now.
pub fn removable_drives() -> Vec<Drive> {
    let disks = Disks::new_with_refreshed_list();
    let mut found: Vec<Drive> = disks
        .list()
        .iter()
        .filter(|d| removable(d))
        .map(drive_of)
        .filter(|d| d.mount_point.is_dir())
        .collect();
    found.sort_by(|a, b| a.mount_point.cmp(&b.mount_point));
    found.dedup_by(|a, b| a.mount_point == b.mount_point);
    found
}

fn drive_of(disk: &Disk) -> Drive {
    let device = disk.name().to_string_lossy().into_owned();
    Drive {
        mount_point: disk.mount_point().to_owned(),
        label: label_of(disk.name()),
        device,
        filesystem: disk.file_system().to_string_lossy().into_owned(),
        available_bytes: disk.available_space(),
        total_bytes: disk.total_space(),
    }
}

fn removable(disk: &Disk) -> bool {
    #[cfg(target_os = "linux")]
    {
        disk.is_removable() || sysfs_removable(&disk.name().to_string_lossy())
    }
    #[cfg(not(target_os = "linux"))]
    {
        disk.is_removable()
    }
}

/// Whether sysfs marks the device (or the disk it is a partition of) as
/// removable media.
#[cfg(target_os = "linux")]
fn sysfs_removable(device: &str) -> bool {
    let Some(name) = device.strip_prefix("/dev/") else {
        return false;
    };
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

/// The volume label: udev's by-label links on Linux; elsewhere `sysinfo`'s
/// disk name is the volume's name already.
fn label_of(name: &OsStr) -> Option<String> {
    #[cfg(target_os = "linux")]
    {
        label_in(Path::new("/dev/disk/by-label"), Path::new(name))
    }
    #[cfg(not(target_os = "linux"))]
    {
        let name = name.to_string_lossy();
        (!name.trim().is_empty()).then(|| name.into_owned())
    }
}

/// The name of the link in `dir` that points at `device`, decoded.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn label_in(dir: &Path, device: &Path) -> Option<String> {
    let device = device.canonicalize().ok()?;
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .find(|e| e.path().canonicalize().is_ok_and(|t| t == device))
        .map(|e| udev_unescape(&e.file_name().to_string_lossy()))
        .filter(|l| !l.trim().is_empty())
}

/// udev writes a space in a link name as `\x20` (and any other byte it
/// will not keep as `\xNN`).
fn udev_unescape(name: &str) -> String {
    let bytes = name.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 2..i + 4)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], bytes.get(i + 1), hex) {
            (b'\\', Some(b'x'), Some(v)) => {
                out.push(v);
                i += 4;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn udev_labels_are_decoded() {
        assert_eq!(udev_unescape(r"USB\x20STICK"), "USB STICK");
        assert_eq!(udev_unescape(r"ANA\x20\xc8\x98T"), "ANA ȘT");
        assert_eq!(udev_unescape(r"odd\x2"), r"odd\x2");
        assert_eq!(udev_unescape(r"plain"), "plain");
    }

    #[test]
    fn a_label_is_the_link_that_points_at_the_device() {
        let dir = tempfile::tempdir().unwrap();
        let device = dir.path().join("sdb1");
        std::fs::write(&device, b"").unwrap();
        std::fs::write(dir.path().join("sdc1"), b"").unwrap();
        let labels = dir.path().join("by-label");
        std::fs::create_dir(&labels).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("../sdc1", labels.join("OTHER")).unwrap();
            std::os::unix::fs::symlink("../sdb1", labels.join(r"BACKUP\x201")).unwrap();
            assert_eq!(label_in(&labels, &device).as_deref(), Some("BACKUP 1"));
        }
        assert_eq!(label_in(&labels, &dir.path().join("sdd1")), None);
        assert_eq!(label_in(&dir.path().join("none"), &device), None);
    }

    #[test]
    fn a_drive_is_named_by_label_then_folder() {
        let mut d = Drive {
            mount_point: PathBuf::from("/media/ana/USB STICK"),
            device: "/dev/sdb1".into(),
            filesystem: "vfat".into(),
            label: Some("BACKUP".into()),
            available_bytes: 1,
            total_bytes: 2,
        };
        assert_eq!(d.display_name(), "BACKUP");
        d.label = None;
        assert_eq!(d.display_name(), "USB STICK");
        d.mount_point = PathBuf::from("/");
        assert_eq!(d.display_name(), "/");
    }

    #[test]
    fn this_machine_lists_only_removable_mounted_folders() {
        // Whatever is plugged in here, every drive listed is a real folder
        // with its space read, and the system disk is never offered.
        let found = removable_drives();
        for d in &found {
            assert!(d.mount_point.is_dir(), "{d:?}");
            assert!(d.available_bytes <= d.total_bytes, "{d:?}");
            assert_ne!(d.mount_point, Path::new("/"), "{d:?}");
        }
        let mut sorted = found.clone();
        sorted.sort_by(|a, b| a.mount_point.cmp(&b.mount_point));
        sorted.dedup_by(|a, b| a.mount_point == b.mount_point);
        assert_eq!(found, sorted);
    }
}
