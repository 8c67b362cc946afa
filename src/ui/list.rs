//! One record list for every list in Steward: the toolbar with "+ Add" and the filter, the
//! cached sort order, the table, selection by click, scrolling to the selection, the side editor,
//! and a message when nothing is shown. A kind of record takes part by declaring its columns
//! once (in the model, where the exports read them too) and implementing [`ListRecord`].

use egui::{Id, RichText, Ui};
use egui_extras::{Column as TableColumn, TableBuilder};

use super::context::PanelCtx;
use super::table::{directed, row_order, sort_header};
use super::widgets;
use crate::app::{Command, TableView, ViewState};
use crate::model::columns::{Column, Listed};
use crate::model::{Edit, Project, RecordKey};

/// Every table row has the same height, whatever the list.
pub const ROW_HEIGHT: f32 = 26.0;
/// The side editor's width, the same for every list.
pub const EDITOR_WIDTH: f32 = 340.0;

/// What a list needs beyond its columns: the words on its buttons, where its view state lives,
/// how a new record starts, and its editor.
pub trait ListRecord: Listed {
    /// The add button, e.g. "+ Add stakeholder".
    const ADD: &'static str;
    /// The filter box's placeholder.
    const FILTER_HINT: &'static str;
    /// A numbered list (the checklist) shows each record's position and keeps list order
    /// unless another column is chosen.
    const NUMBERED: bool = false;

    fn table_view(view: &mut ViewState) -> &mut TableView;

    /// A new record with `id`, perhaps filled from the current selection.
    fn new_record(id: u64, cx: &PanelCtx) -> Self;

    /// The side editor's fields.
    fn editor(&self, ui: &mut Ui, cx: &mut PanelCtx);

    /// Draws one cell. The default shows the column's text, cut with "…" and whole on hover.
    fn cell(&self, ui: &mut Ui, column: &Column<Self>, cx: &PanelCtx) {
        text_cell(ui, &(column.text)(self, &cx.derived.names));
    }

    /// Whether a panel-specific switch hides some records (such as "Hide settled items").
    fn hiding(_view: &ViewState) -> bool {
        false
    }

    /// Whether this record is hidden while [`ListRecord::hiding`] is on.
    fn hidden(&self) -> bool {
        false
    }

    /// The selected record of this kind, if the selection is one.
    fn selected<'p>(project: &'p Project, view: &ViewState) -> Option<&'p Self> {
        let key = view.selection?;
        Self::rows(project).iter().find(|r| r.key() == key)
    }
}

/// Text that ends in "…" when the column is too narrow, with the whole text on hover.
pub fn text_cell(ui: &mut Ui, text: &str) {
    let response = ui.add(egui::Label::new(text).truncate());
    if response
        .intrinsic_size()
        .is_some_and(|size| size.x > response.rect.width())
    {
        response.on_hover_text(text);
    }
}

/// The whole list: side editor, toolbar, table.
pub fn show<R: ListRecord>(ui: &mut Ui, cx: &mut PanelCtx) {
    editor_panel::<R>(ui, cx);
    toolbar::<R>(ui, cx, |_, _| {});
    table::<R>(ui, cx);
}

/// The side editor of the selected record of this kind, if any.
pub fn editor_panel<R: ListRecord>(ui: &mut Ui, cx: &mut PanelCtx) {
    let Some(record) = R::selected(cx.project, cx.view).cloned() else {
        return;
    };
    egui::Panel::right(Id::unique(("editor", R::NOUN)))
        .default_size(EDITOR_WIDTH)
        .min_size(280.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.add_enabled_ui(!cx.read_only, |ui| record.editor(ui, cx));
            });
        });
}

/// "+ Add …", the filter box, then whatever the panel adds (`extra`).
pub fn toolbar<R: ListRecord>(ui: &mut Ui, cx: &mut PanelCtx, extra: impl FnOnce(&mut Ui, &mut PanelCtx)) {
    ui.horizontal(|ui| {
        if ui.add_enabled(!cx.read_only, egui::Button::new(R::ADD)).clicked() {
            add::<R>(cx);
        }
        ui.add_space(12.0);
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut R::table_view(cx.view).filter)
                .hint_text(R::FILTER_HINT)
                .desired_width(220.0),
        )
        .labelled_by(label.id);
        extra(ui, cx);
    });
    ui.add_space(4.0);
}

/// Adds a new record at the end of the list and selects it for editing.
pub fn add<R: ListRecord>(cx: &PanelCtx) {
    let record = R::new_record(cx.project.fresh_id(), cx);
    let key = record.key();
    let index = R::rows(cx.project).len();
    cx.send(Command::edit(
        Edit::Insert {
            index,
            record: record.into_record(),
        },
        format!("Add {}", R::NOUN),
    ));
    cx.send(Command::Select(key));
}

/// The indexes of the records to show, filtered and sorted; recomputed only on change.
fn visible_rows<R: ListRecord>(ui: &Ui, cx: &mut PanelCtx) -> Vec<usize> {
    let hiding = R::hiding(cx.view);
    let view = R::table_view(cx.view).clone();
    let (project, names) = (cx.project, &cx.derived.names);
    let table_columns: Vec<&Column<R>> = R::columns().iter().filter(|c| c.in_table()).collect();
    row_order(ui, Id::unique(("rows", R::NOUN)), cx.generation, &view, hiding, || {
        let records = R::rows(project);
        let mut rows: Vec<usize> = (0..records.len())
            .filter(|&i| {
                let r = &records[i];
                if hiding && r.hidden() {
                    return false;
                }
                let texts: Vec<_> = R::columns().iter().map(|c| (c.text)(r, names)).collect();
                let fields: Vec<&str> = texts.iter().map(|t| t.as_ref()).collect();
                widgets::matches_filter(&view.filter, &fields)
            })
            .collect();
        // In a numbered list, column 0 is the position itself.
        let sorted_by = if R::NUMBERED {
            view.sort_column.checked_sub(1)
        } else {
            Some(view.sort_column)
        };
        let column = sorted_by.and_then(|c| table_columns.get(c));
        rows.sort_by(|&a, &b| {
            let ordering = column.map_or(std::cmp::Ordering::Equal, |c| {
                c.compare(&records[a], &records[b], names)
            });
            directed(&view, ordering.then(a.cmp(&b)))
        });
        rows
    })
}

/// The table, or a line saying why it is empty.
pub fn table<R: ListRecord>(ui: &mut Ui, cx: &mut PanelCtx) {
    let rows = visible_rows::<R>(ui, cx);
    if rows.is_empty() {
        empty_message::<R>(ui, cx);
        return;
    }
    let records = R::rows(cx.project);
    let selected = cx.view.selection;
    let scroll_to = cx
        .view
        .scroll_to_selection
        .then(|| rows.iter().position(|&i| Some(records[i].key()) == selected))
        .flatten();
    let columns: Vec<&Column<R>> = R::columns().iter().filter(|c| c.in_table()).collect();
    let titles: Vec<&str> = R::NUMBERED
        .then_some("#")
        .into_iter()
        .chain(columns.iter().map(|c| c.title))
        .collect();
    let mut clicked: Option<RecordKey> = None;
    egui::ScrollArea::horizontal()
        .id_salt(("list_hscroll", R::NOUN))
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt(("list_table", R::NOUN))
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
            if R::NUMBERED {
                table = table.column(TableColumn::exact(36.0));
            }
            for (i, column) in columns.iter().enumerate() {
                let width = column.width.unwrap_or(100.0);
                table = table.column(if i + 1 == columns.len() {
                    TableColumn::remainder().at_least(width.min(90.0))
                } else {
                    TableColumn::initial(width)
                        .at_least(width.min(60.0))
                        .clip(true)
                        .resizable(true)
                });
            }
            if let Some(row) = scroll_to {
                table = table.scroll_to_row(row, Some(egui::Align::Center));
            }
            table
                .header(24.0, |mut header| {
                    for (i, title) in titles.iter().enumerate() {
                        header.col(|ui| sort_header(ui, R::table_view(cx.view), i, title));
                    }
                })
                .body(|body| {
                    body.rows(ROW_HEIGHT, rows.len(), |mut row| {
                        let index = rows[row.index()];
                        let record = &records[index];
                        let is_selected = selected == Some(record.key());
                        row.set_selected(is_selected);
                        if R::NUMBERED {
                            row.col(|ui| {
                                ui.label(RichText::new((index + 1).to_string()).weak());
                            });
                        }
                        for (i, column) in columns.iter().enumerate() {
                            row.col(|ui| {
                                if i == 0 && !R::NUMBERED {
                                    // The first cell is the row's keyboard stop and accessible name.
                                    let text = (column.text)(record, &cx.derived.names);
                                    let button = egui::Button::selectable(is_selected, text.as_ref()).frame(false);
                                    if ui.add(button).clicked() {
                                        clicked = Some(record.key());
                                    }
                                } else {
                                    record.cell(ui, column, cx);
                                }
                            });
                        }
                        if row.response().clicked() {
                            clicked = Some(record.key());
                        }
                    });
                });
        });
    cx.view.scroll_to_selection = false;
    if let Some(key) = clicked {
        cx.send(Command::Select(key));
    }
}

fn empty_message<R: ListRecord>(ui: &mut Ui, cx: &mut PanelCtx) {
    let filtered = !R::table_view(cx.view).filter.trim().is_empty() || R::hiding(cx.view);
    if R::rows(cx.project).is_empty() {
        ui.label(RichText::new(format!("No {}s yet. Add one with “{}”.", R::NOUN, R::ADD)).weak());
    } else if filtered {
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("No {}s match the filter.", R::NOUN)).weak());
            if ui.button("Clear the filter").clicked() {
                R::table_view(cx.view).filter.clear();
            }
        });
    }
}
