//! One record list for every list in Steward: the toolbar with "+ Add" and the filter, the
//! cached sort order, the table, selection by click, scrolling to the selection, the side editor,
//! and a message when nothing is shown. A kind of record takes part by declaring its columns
//! once (in the model, where the exports read them too) and implementing [`ListRecord`].

use egui::{Id, RichText, Ui};
use egui_extras::{Column as TableColumn, TableBuilder};

use super::context::PanelCtx;
use super::table::{directed, row_order, sort_header};
use super::widgets;
use crate::app::{Command, FocusTarget, TableView, ViewState};
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

    /// What Space does on the selected row (the checklist ticks its item).
    fn space(&self, _cx: &PanelCtx) -> Option<Command> {
        None
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

/// The whole list: toolbar and table, with the selected record's editor beside them.
pub fn show<R: ListRecord>(ui: &mut Ui, cx: &mut PanelCtx) {
    with_editor::<R>(ui, cx, |ui, cx| {
        toolbar::<R>(ui, cx, |_, _| {});
        table::<R>(ui, cx);
    });
}

/// Draws `content` and, while a record of this kind is selected, its editor at the right.
/// The content is drawn first so that Tab runs toolbar, table, then editor.
pub fn with_editor<R: ListRecord>(ui: &mut Ui, cx: &mut PanelCtx, content: impl FnOnce(&mut Ui, &mut PanelCtx)) {
    let record = R::selected(cx.project, cx.view).cloned();
    side_by_side(ui, cx, record.is_some(), content, |ui, cx| {
        if let Some(record) = &record {
            record.editor(ui, cx);
        }
    });
}

/// Content at the left and, when `open`, an editor column at the right with its own close
/// button; Esc inside the editor returns the keyboard to the table.
pub fn side_by_side(
    ui: &mut Ui,
    cx: &mut PanelCtx,
    open: bool,
    content: impl FnOnce(&mut Ui, &mut PanelCtx),
    editor: impl FnOnce(&mut Ui, &mut PanelCtx),
) {
    let full = ui.available_rect_before_wrap();
    let width = if open {
        (full.width() * 0.4).clamp(340.0, EDITOR_WIDTH + 100.0)
    } else {
        0.0
    };
    let split = full.max.x - width;
    let gap = if open { 8.0 } else { 0.0 };
    let left = egui::Rect::from_min_max(full.min, egui::pos2(split - gap, full.max.y));
    ui.scope_builder(egui::UiBuilder::new().max_rect(left), |ui| {
        // Wide content (the RACI matrix) scrolls under its own rectangle, never under the editor.
        ui.set_clip_rect(left.intersect(ui.clip_rect()));
        content(ui, cx)
    });
    if open {
        let right = egui::Rect::from_min_max(egui::pos2(split, full.min.y), full.max);
        ui.painter().vline(
            split - 4.0,
            full.y_range(),
            ui.visuals().widgets.noninteractive.bg_stroke,
        );
        ui.scope_builder(egui::UiBuilder::new().max_rect(right), |ui| {
            ui.set_clip_rect(right.intersect(ui.clip_rect()));
            // Text fields fit beside their labels in a narrow window.
            ui.spacing_mut().text_edit_width = (right.width() - 130.0).clamp(120.0, 280.0);
            editor_column(ui, cx, editor)
        });
    }
    ui.allocate_rect(full, egui::Sense::hover());
}

fn editor_column(ui: &mut Ui, cx: &mut PanelCtx, editor: impl FnOnce(&mut Ui, &mut PanelCtx)) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
        if ui.button("× Close").on_hover_text("Close the editor (Esc)").clicked() {
            cx.send(Command::Deselect);
        }
    });
    // Esc in the editor goes back to the row it edits (the table answers Esc by closing).
    // egui drops a text field's focus on Esc before anything is drawn, so remember whether
    // the focus was in the editor at the end of the last frame.
    let area = ui.available_rect_before_wrap();
    let ctx = ui.ctx().clone();
    let memory_id = Id::unique("side_editor_had_focus");
    let had_focus = ctx.data(|d| d.get_temp::<bool>(memory_id)).unwrap_or(false);
    let back_to_table = had_focus && ui.input(|i| i.key_pressed(egui::Key::Escape));
    egui::ScrollArea::vertical().id_salt("side_editor").show(ui, |ui| {
        ui.add_enabled_ui(!cx.read_only, |ui| editor(ui, cx));
    });
    let focused_here = ctx
        .memory(|m| m.focused())
        .and_then(|id| ctx.read_response(id))
        .is_some_and(|r| area.intersects(r.rect));
    ctx.data_mut(|d| d.insert_temp(memory_id, focused_here));
    if back_to_table {
        cx.view.focus = Some(FocusTarget::Table);
    }
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
pub fn add<R: ListRecord>(cx: &mut PanelCtx) {
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
    // After the selection, so that the editor of the record selected before cannot take it.
    cx.send(Command::Focus(FocusTarget::EditorFirstField));
}

/// The indexes of the records to show, filtered and sorted; recomputed only on change.
fn visible_rows<R: ListRecord>(ui: &Ui, cx: &mut PanelCtx) -> (Vec<usize>, bool) {
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

/// The table, or a line saying why it is empty. The table is one stop for the keyboard: Tab
/// enters at the selected row, the arrows, Page Up/Down and Home/End move, Enter opens the
/// editor, Space runs the list's own action (ticking a checklist item), Esc closes the editor.
pub fn table<R: ListRecord>(ui: &mut Ui, cx: &mut PanelCtx) {
    let (rows, reordered) = visible_rows::<R>(ui, cx);
    if rows.is_empty() {
        empty_message::<R>(ui, cx);
        return;
    }
    let records = R::rows(cx.project);
    let selected = cx.view.selection;
    let position = rows.iter().position(|&i| Some(records[i].key()) == selected);
    let focused = keyboard::<R>(ui, cx, &rows, position);
    // Keep the selected row in view when it was chosen elsewhere or the order changed.
    let scroll_to = (cx.view.scroll_to_selection || reordered).then_some(position).flatten();
    let columns: Vec<&Column<R>> = R::columns().iter().filter(|c| c.in_table()).collect();
    let titles: Vec<&str> = R::NUMBERED
        .then_some("#")
        .into_iter()
        .chain(columns.iter().map(|c| c.title))
        .collect();
    let mut clicked: Option<RecordKey> = None;
    let focus_stroke = ui.visuals().selection.stroke;
    egui::ScrollArea::horizontal()
        .id_salt(("list_hscroll", R::NOUN))
        .show(ui, |ui| {
            // A click on a cell's text opens the row rather than starting a text selection.
            ui.style_mut().interaction.selectable_labels = false;
            let planned: f32 = columns.iter().filter_map(|c| c.width).sum::<f32>() + 36.0;
            let scale = (ui.available_width() / planned).clamp(0.7, 1.8);
            let mut table = TableBuilder::new(ui)
                .id_salt(("list_table", R::NOUN))
                .striped(true)
                // Rows take clicks but not the keyboard: the table is one Tab stop.
                .sense(egui::Sense::CLICK)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
            if R::NUMBERED {
                table = table.column(TableColumn::exact(36.0));
            }
            // Columns share the width there is: narrower on a laptop (down to 70% of their
            // planned width, then the table scrolls), wider on a large screen.
            for (i, column) in columns.iter().enumerate() {
                let width = column.width.unwrap_or(100.0) * scale;
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
                                    // The first cell names the row for screen readers; clicks only.
                                    let text = (column.text)(record, &cx.derived.names);
                                    let button = egui::Button::selectable(is_selected, text.as_ref())
                                        .frame(false)
                                        .sense(egui::Sense::CLICK);
                                    if ui.add(button).clicked() {
                                        clicked = Some(record.key());
                                    }
                                } else {
                                    record.cell(ui, column, cx);
                                }
                            });
                        }
                        let response = row.response();
                        if focused && is_selected {
                            focus_ring(&response, focus_stroke);
                        }
                        if response.clicked() {
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

/// A clear frame around the selected row while the table has the keyboard.
fn focus_ring(row: &egui::Response, stroke: egui::Stroke) {
    let stroke = egui::Stroke::new(stroke.width.max(2.0), stroke.color);
    row.ctx
        .layer_painter(row.layer_id)
        .rect_stroke(row.rect.shrink(1.0), 2.0, stroke, egui::StrokeKind::Inside);
}

/// The table's one keyboard stop, and the keys it answers. Returns whether it has the focus.
fn keyboard<R: ListRecord>(ui: &mut Ui, cx: &mut PanelCtx, rows: &[usize], position: Option<usize>) -> bool {
    let id = Id::unique(("list_focus", R::NOUN));
    let rect = egui::Rect::from_min_size(ui.cursor().min, egui::vec2(ui.available_width(), 1.0));
    let response = ui.interact(rect, id, egui::Sense::FOCUSABLE);
    let label = format!("{} list", R::NOUN);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ListBox, true, &label));
    if cx.take_focus(FocusTarget::Table) {
        response.request_focus();
    }
    if !response.has_focus() {
        return false;
    }
    // The arrows and Esc belong to the table while it has the keyboard; Tab still leaves it.
    let filter = egui::EventFilter {
        tab: false,
        horizontal_arrows: true,
        vertical_arrows: true,
        escape: true,
    };
    ui.memory_mut(|m| m.set_focus_lock_filter(id, filter));
    let records = R::rows(cx.project);
    let select = |cx: &PanelCtx, at: usize| {
        if let Some(&index) = rows.get(at.min(rows.len() - 1)) {
            cx.send(Command::Select(records[index].key()));
        }
    };
    if response.gained_focus() && position.is_none() {
        // Tab enters the table at the selected row, or at the first.
        select(cx, 0);
    }
    const PAGE: usize = 10;
    let pressed = |key| ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key));
    let here = position.unwrap_or(0);
    let moved = if pressed(egui::Key::ArrowDown) {
        Some(if position.is_some() { here + 1 } else { 0 })
    } else if pressed(egui::Key::ArrowUp) {
        Some(here.saturating_sub(1))
    } else if pressed(egui::Key::PageDown) {
        Some(here + PAGE)
    } else if pressed(egui::Key::PageUp) {
        Some(here.saturating_sub(PAGE))
    } else if pressed(egui::Key::Home) {
        Some(0)
    } else if pressed(egui::Key::End) {
        Some(rows.len() - 1)
    } else {
        None
    };
    if let Some(at) = moved {
        select(cx, at);
    }
    let current = position.map(|p| &records[rows[p]]);
    if pressed(egui::Key::Enter) && current.is_some() {
        cx.view.focus = Some(FocusTarget::EditorFirstField);
    }
    if pressed(egui::Key::Space)
        && let Some(record) = current
        && let Some(command) = record.space(cx)
    {
        cx.send(command);
    }
    if pressed(egui::Key::Escape) && current.is_some() {
        cx.send(Command::Deselect);
    }
    true
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
