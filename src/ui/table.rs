//! Sorted and filtered row orders for the big tables, recomputed only when the project,
//! the filter or the sort order changes, and kept in egui's memory between frames.

use egui::{Id, Ui};

use crate::app::TableView;

#[derive(Clone, Default)]
struct RowOrder {
    key: Option<(u64, TableView, bool)>,
    rows: Vec<usize>,
}

/// The indexes of the rows to show, in order, and whether they were just recomputed.
/// `compute` runs only when something changed.
pub fn row_order(
    ui: &Ui,
    id: Id,
    generation: u64,
    view: &TableView,
    flag: bool,
    compute: impl FnOnce() -> Vec<usize>,
) -> (Vec<usize>, bool) {
    let key = (generation, view.clone(), flag);
    let cached = ui
        .data(|d| d.get_temp::<RowOrder>(id))
        .filter(|c| c.key.as_ref() == Some(&key));
    if let Some(cached) = cached {
        return (cached.rows, false);
    }
    let rows = compute();
    ui.data_mut(|d| {
        d.insert_temp(
            id,
            RowOrder {
                key: Some(key),
                rows: rows.clone(),
            },
        )
    });
    (rows, true)
}

/// A clickable column header that shows the sort direction.
pub fn sort_header(ui: &mut Ui, view: &mut TableView, column: usize, title: &str) {
    let arrow = match (view.sort_column == column, view.descending) {
        (true, false) => " ⏶",
        (true, true) => " ⏷",
        _ => "",
    };
    let response = ui
        .add(egui::Button::new(egui::RichText::new(format!("{title}{arrow}")).strong()).frame(false))
        .on_hover_text(format!("Sort by {}", title.to_lowercase()));
    if response.clicked() {
        view.toggle_sort(column);
    }
}

/// Applies the view's sort direction to an ascending comparison.
pub fn directed(view: &TableView, ordering: std::cmp::Ordering) -> std::cmp::Ordering {
    if view.descending { ordering.reverse() } else { ordering }
}
