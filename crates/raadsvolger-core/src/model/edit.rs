//! A person's edit of the register as the undo log keeps it: what they did and to what.

use serde::{Deserialize, Serialize};

/// What a person did, as a stable key (`agenda-item-added`) that a window words itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EditAction {
    MeetingAdded,
    MeetingEdited,
    MeetingCancelled,
    MeetingDeleted,
    AgendaItemAdded,
    AgendaItemEdited,
    AgendaItemMoved,
    AgendaItemDeleted,
    DocumentAttached,
    DocumentDetached,
    MotionAdded,
    MotionEdited,
    MotionDeleted,
    VoteRecorded,
}

impl EditAction {
    pub const ALL: [EditAction; 14] = [
        EditAction::MeetingAdded,
        EditAction::MeetingEdited,
        EditAction::MeetingCancelled,
        EditAction::MeetingDeleted,
        EditAction::AgendaItemAdded,
        EditAction::AgendaItemEdited,
        EditAction::AgendaItemMoved,
        EditAction::AgendaItemDeleted,
        EditAction::DocumentAttached,
        EditAction::DocumentDetached,
        EditAction::MotionAdded,
        EditAction::MotionEdited,
        EditAction::MotionDeleted,
        EditAction::VoteRecorded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EditAction::MeetingAdded => "meeting-added",
            EditAction::MeetingEdited => "meeting-edited",
            EditAction::MeetingCancelled => "meeting-cancelled",
            EditAction::MeetingDeleted => "meeting-deleted",
            EditAction::AgendaItemAdded => "agenda-item-added",
            EditAction::AgendaItemEdited => "agenda-item-edited",
            EditAction::AgendaItemMoved => "agenda-item-moved",
            EditAction::AgendaItemDeleted => "agenda-item-deleted",
            EditAction::DocumentAttached => "document-attached",
            EditAction::DocumentDetached => "document-detached",
            EditAction::MotionAdded => "motion-added",
            EditAction::MotionEdited => "motion-edited",
            EditAction::MotionDeleted => "motion-deleted",
            EditAction::VoteRecorded => "vote-recorded",
        }
    }

    pub fn parse(s: &str) -> Option<EditAction> {
        EditAction::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// "agenda item {subject} added", in English (the CLI's words; the window has its own).
    pub(crate) fn describe(self, subject: &str) -> String {
        let (what, done) = match self {
            EditAction::MeetingAdded => ("meeting", "added"),
            EditAction::MeetingEdited => ("meeting", "changed"),
            EditAction::MeetingCancelled => ("meeting", "cancelled"),
            EditAction::MeetingDeleted => ("meeting", "removed"),
            EditAction::AgendaItemAdded => ("agenda item", "added"),
            EditAction::AgendaItemEdited => ("agenda item", "changed"),
            EditAction::AgendaItemMoved => ("agenda item", "moved"),
            EditAction::AgendaItemDeleted => ("agenda item", "removed"),
            EditAction::DocumentAttached => ("document", "put on an agenda item"),
            EditAction::DocumentDetached => ("document", "taken off an agenda item"),
            EditAction::MotionAdded => ("motion", "added"),
            EditAction::MotionEdited => ("motion", "changed"),
            EditAction::MotionDeleted => ("motion", "removed"),
            EditAction::VoteRecorded => ("vote on", "recorded"),
        };
        format!("{what} {subject:?} {done}")
    }
}

/// One edit of a person's, as the undo log keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub id: i64,
    pub action: EditAction,
    /// The title of what was edited: the agenda item, meeting or motion.
    pub subject: String,
    /// The id of the agenda item, meeting or motion.
    pub target_id: Option<i64>,
    /// The meeting it belongs to, when there is one.
    pub meeting_id: Option<i64>,
    /// When it was made (RFC 3339).
    pub recorded_at: String,
    /// "agenda item \"Rondvraag\" added"
    pub summary: String,
}
