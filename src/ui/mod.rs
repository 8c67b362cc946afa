//! The window. One module per panel; panels read the app state and push commands, and the app
//! applies them after the frame. Nothing here touches the disk.

mod context;
mod dialogs;
mod editors;
mod exit_plan;
pub mod grid;
mod history;
mod import;
mod kickoff;
mod list;
mod meetings;
mod merge;
mod overview;
mod palette;
mod present;
mod raci;
mod readiness_chart;
mod shortcuts;
mod stakeholders;
mod table;
mod testing;
pub mod timeline;
pub mod widgets;

use egui::{Panel as SidePanel, RichText, Ui, ViewportCommand};

use crate::app::{Action, AppOptions, Command, Panel, StewardApp, UserDirs};

/// Opens the main window, with `file` loaded if given. Returns when the window closes.
pub fn run_app(file: Option<std::path::PathBuf>) -> std::process::ExitCode {
    if let Some(file) = &file {
        // The parse of a large project overlaps the window's start.
        crate::app::preload(file.clone());
    }
    let app_options = AppOptions {
        file,
        dirs: UserDirs::for_current_user(),
    };
    // The window opens with the title the app gives it, so the first frame need not change it
    // (which would cost a second frame while the file is still being read).
    let title = StewardApp::new_title(app_options.file.as_deref());
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title.clone())
            // Matches the .desktop file's StartupWMClass, so Linux desktops show its icon.
            .with_app_id("steward")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 520.0])
            .with_drag_and_drop(true)
            .with_icon(std::sync::Arc::new(
                eframe::icon_data::from_png_bytes(crate::platform::ICON_PNG).expect("the bundled icon is a PNG"),
            )),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Steward",
        options,
        Box::new(|cc| {
            crate::app::startup::mark("window ready");
            let mut app = StewardApp::create(cc, app_options);
            app.shown_title = title;
            // Signals, logoff and shutdown arrive as requests to end; wake the window for them.
            let ctx = cc.egui_ctx.clone();
            match crate::platform::shutdown::listen(move || ctx.request_repaint()) {
                Ok(requests) => app.listen_for_end(requests),
                Err(err) => log::warn!("Steward will not notice signals or logoff: {err}"),
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("Steward could not open its window: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}

impl StewardApp {
    /// Creates the app inside eframe (also used by the UI tests through egui_kittest).
    pub fn create(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        let app = StewardApp::new(options);
        app.inbox.set_context(cc.egui_ctx.clone());
        // Zoom is Steward's own action (remembered in the preferences): egui must not zoom too.
        cc.egui_ctx.options_mut(|o| o.zoom_with_keyboard = false);
        app
    }
}

impl eframe::App for StewardApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if self.startup.frame_starts() {
            self.close_allowed = true;
            self.close_requested = true;
        }
        if self.opening.is_some() {
            // While opening, commands are applied before drawing rather than after: the file
            // read in the background then shows in this frame rather than the next one.
            self.process();
        }
        // What this frame draws; the commands applied after it may open another document.
        let showing_file = self.doc.path.is_some();
        self.handle_window_close(&ctx);
        self.apply_look(&ctx);
        if let Some(file) = self.opening.clone() {
            opening_screen(ui, &file);
            dialogs::show(&ctx, self);
            self.startup.frame_drawn(false);
            self.finish_frame(&ctx);
            return;
        }
        if self.present.is_some() {
            present::handle_keys(&ctx, self);
            present::show(ui, self);
            self.finish_frame(&ctx);
            return;
        }
        self.handle_shortcuts(&ctx);
        self.handle_dropped_files(&ctx);

        SidePanel::top("menu_bar").show(ui, |ui| self.menu_bar(ui));
        SidePanel::bottom("status_bar").show(ui, |ui| self.status_bar(ui));
        SidePanel::left("navigation")
            .resizable(false)
            .exact_size(150.0)
            .show(ui, |ui| self.navigation(ui));
        let read_only = self.doc.read_only;
        egui::CentralPanel::default().show(ui, |ui| {
            if read_only {
                read_only_banner(ui);
            }
            merge::incoming_banner(ui, self);
            merge::copy_banner(ui, self);
            let panel = self.view.panel;
            let mut cx = self.panel_ctx();
            match panel {
                Panel::Overview => overview::show(ui, &mut cx),
                Panel::Stakeholders => stakeholders::show(ui, &mut cx),
                Panel::Kickoff => kickoff::show(ui, &mut cx),
                Panel::ExitPlan => exit_plan::show(ui, &mut cx),
                Panel::Tests => testing::show(ui, &mut cx),
            }
        });
        dialogs::show(&ctx, self);
        import::show(&ctx, self);
        if self.startup.frame_drawn(showing_file) {
            ctx.request_repaint();
        }
        self.finish_frame(&ctx);
    }
}

impl StewardApp {
    /// After drawing: apply the commands, then tell the window what changed.
    fn finish_frame(&mut self, ctx: &egui::Context) {
        if self.process() > 0 {
            // Show the effect of the commands right away rather than on the next input.
            ctx.request_repaint();
        }
        if let Some(wait) = self.clock_repaint(std::time::Instant::now()) {
            // The presenter view's clock: once a second, never continuously.
            ctx.request_repaint_after(wait);
        }
        let interval = std::time::Duration::from_secs(self.prefs.recovery_interval_secs.max(5));
        if let Some(wait) = self.tick_recovery(interval) {
            // Wake an idle window once, when the next recovery copy is due.
            ctx.request_repaint_after(wait);
        }
        let title = self.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
        if self.close_requested {
            self.close_requested = false;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
        if let Some(fullscreen) = self.fullscreen_request.take() {
            ctx.send_viewport_cmd(ViewportCommand::Fullscreen(fullscreen));
            ctx.request_repaint();
        }
    }

    /// Applies the theme and zoom from the preferences when they changed.
    fn apply_look(&mut self, ctx: &egui::Context) {
        let look = (self.prefs.theme, self.prefs.zoom);
        if self.applied_look == Some(look) {
            return;
        }
        self.applied_look = Some(look);
        ctx.set_visuals(match self.prefs.theme {
            crate::app::Theme::Light => egui::Visuals::light(),
            crate::app::Theme::Dark => egui::Visuals::dark(),
            crate::app::Theme::HighContrast => high_contrast(),
        });
        ctx.set_zoom_factor(self.prefs.zoom);
    }
}

/// What the window shows while the file it was started with is read: its name, and nothing
/// of another project. No spinner: that would redraw the window all the time, and on a
/// computer without a graphics card each redraw takes CPU the reading needs.
fn opening_screen(ui: &mut Ui, file: &std::path::Path) {
    let name = file
        .file_name()
        .map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    egui::CentralPanel::default().show(ui, |ui| {
        ui.centered_and_justified(|ui| {
            ui.label(RichText::new(format!("Opening {name}…")).size(18.0));
        });
    });
}

/// White on black with strong outlines, for low vision and bright rooms.
fn high_contrast() -> egui::Visuals {
    let mut v = egui::Visuals::dark();
    let white = egui::Color32::WHITE;
    v.override_text_color = Some(white);
    v.panel_fill = egui::Color32::BLACK;
    v.window_fill = egui::Color32::BLACK;
    v.extreme_bg_color = egui::Color32::BLACK;
    v.faint_bg_color = egui::Color32::from_gray(30);
    v.hyperlink_color = egui::Color32::from_rgb(255, 230, 0);
    v.warn_fg_color = egui::Color32::from_rgb(255, 200, 0);
    v.error_fg_color = egui::Color32::from_rgb(255, 120, 120);
    v.selection.bg_fill = egui::Color32::from_rgb(0, 80, 200);
    v.selection.stroke = egui::Stroke::new(2.0, white);
    for w in [
        &mut v.widgets.noninteractive,
        &mut v.widgets.inactive,
        &mut v.widgets.hovered,
        &mut v.widgets.active,
        &mut v.widgets.open,
    ] {
        w.bg_stroke = egui::Stroke::new(1.5, white);
        w.fg_stroke = egui::Stroke::new(1.5, white);
    }
    v.widgets.inactive.weak_bg_fill = egui::Color32::from_gray(20);
    v.widgets.inactive.bg_fill = egui::Color32::from_gray(20);
    v
}

impl StewardApp {
    /// Closing the window with unsaved changes asks first.
    fn handle_window_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_allowed {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.push(Command::Action(Action::Quit));
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() {
            return;
        }
        let typing = ctx.memory(|m| m.focused().is_some());
        // Unmodified keys belong to the text field being typed into.
        let keys = shortcuts::action_keys().filter(|(_, s)| !(typing && s.modifiers.is_none()));
        // A disabled action still consumes its key, so that a shorter shortcut cannot take it.
        for action in shortcuts::triggered(ctx, keys) {
            if self.is_enabled(action) {
                self.push(Command::Action(action));
            }
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<_> = ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        if let Some(path) = dropped.into_iter().next() {
            self.push(Command::OpenPath(path));
        }
    }

    /// A menu entry for an action: its label, shortcut and tooltip come from the action itself.
    fn action_button(&mut self, ui: &mut Ui, action: Action) {
        let mut button = egui::Button::new(action.label());
        if let Some(shortcut) = action.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        let response = ui
            .add_enabled(self.is_enabled(action), button)
            .on_hover_text(action.tooltip());
        if response.clicked() {
            self.push(Command::Action(action));
            ui.close();
        }
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.action_button(ui, Action::New);
                ui.menu_button("New from template", |ui| {
                    for &(name, description) in crate::model::template::TEMPLATES {
                        let title = if name == "blank" {
                            "Blank project"
                        } else {
                            description.split(':').next().unwrap_or(name)
                        };
                        if ui.button(title).on_hover_text(description).clicked() {
                            self.push(Command::NewFromTemplate(name));
                            ui.close();
                        }
                    }
                });
                self.action_button(ui, Action::Open);
                ui.menu_button("Open recent", |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.label(RichText::new("No recent files").weak());
                    }
                    for path in self.prefs.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.push(Command::OpenPath(path));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                self.action_button(ui, Action::Save);
                self.action_button(ui, Action::SaveAs);
                ui.separator();
                self.action_button(ui, Action::ImportCsv);
                self.action_button(ui, Action::ImportScenariosCsv);
                ui.menu_button("Export", |ui| {
                    for &kind in crate::app::ExportKind::ALL {
                        if ui.button(kind.label()).clicked() {
                            self.push(Command::Export(kind));
                            ui.close();
                        }
                    }
                    meetings::export_menu(ui, self);
                });
                ui.separator();
                self.action_button(ui, Action::Quit);
            });
            ui.menu_button("Edit", |ui| {
                let undo = self.doc.undo.undo_label().map(|l| format!("Undo: {l}"));
                let redo = self.doc.undo.redo_label().map(|l| format!("Redo: {l}"));
                self.action_button(ui, Action::Undo);
                self.action_button(ui, Action::Redo);
                ui.separator();
                self.action_button(ui, Action::DeleteSelected);
                if let Some(text) = undo.or(redo) {
                    ui.label(RichText::new(text).weak().small());
                }
            });
            ui.menu_button("View", |ui| {
                for action in [
                    Action::ShowOverview,
                    Action::ShowStakeholders,
                    Action::ShowKickoff,
                    Action::ShowExitPlan,
                    Action::ShowTests,
                ] {
                    self.action_button(ui, action);
                }
                self.action_button(ui, Action::WhatChanged);
                ui.separator();
                self.action_button(ui, Action::Present);
                self.action_button(ui, Action::PresenterView);
                let mut hide = self.prefs.present_hide_names;
                if ui.checkbox(&mut hide, "Hide names when presenting").changed() {
                    self.push(Command::SetPresentHideNames(hide));
                }
                ui.separator();
                for &theme in crate::app::Theme::ALL {
                    if ui
                        .radio(self.prefs.theme == theme, format!("{} theme", theme.label()))
                        .clicked()
                    {
                        self.push(Command::SetTheme(theme));
                        ui.close();
                    }
                }
                ui.separator();
                for action in [Action::ZoomIn, Action::ZoomOut, Action::ZoomReset] {
                    self.action_button(ui, action);
                }
            });
        });
    }

    fn navigation(&mut self, ui: &mut Ui) {
        ui.add_space(8.0);
        let entries = [
            (Panel::Overview, Action::ShowOverview),
            (Panel::Stakeholders, Action::ShowStakeholders),
            (Panel::Kickoff, Action::ShowKickoff),
            (Panel::ExitPlan, Action::ShowExitPlan),
            (Panel::Tests, Action::ShowTests),
        ];
        for (panel, action) in entries {
            let selected = self.view.panel == panel;
            let button = egui::Button::selectable(selected, RichText::new(action.label()).size(16.0))
                .min_size(egui::vec2(ui.available_width(), 32.0));
            if ui.add(button).on_hover_text(action.tooltip()).clicked() {
                self.push(Command::ShowPanel(panel));
            }
        }
        ui.add_space(16.0);
        let present =
            egui::Button::new(RichText::new("▶ Present").size(16.0)).min_size(egui::vec2(ui.available_width(), 32.0));
        if ui
            .add(present)
            .on_hover_text("Show the project full screen for a meeting (F5); Esc leaves")
            .clicked()
        {
            self.push(Command::Action(Action::Present));
        }
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if self.is_busy() {
                ui.spinner();
            }
            if let Some(status) = self.status.clone() {
                let text = if status.is_error {
                    RichText::new(&status.text).color(ui.visuals().error_fg_color)
                } else {
                    RichText::new(&status.text)
                };
                // A long message is cut short (whole on hover) rather than drawn over the counts.
                let room = (ui.available_width() - 340.0).max(120.0);
                ui.scope(|ui| {
                    ui.set_max_width(room);
                    ui.add(egui::Label::new(text).truncate());
                });
                if ui.small_button("×").on_hover_text("Dismiss this message").clicked() {
                    self.push(Command::DismissMessage);
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let p = &self.doc.project;
                ui.label(
                    RichText::new(format!(
                        "{} · {} · {}",
                        widgets::count(p.stakeholders.len(), "stakeholder"),
                        widgets::count(p.kickoff.len(), "kickoff item"),
                        widgets::count(p.handover.len(), "hand-over item")
                    ))
                    .weak(),
                );
            });
        });
    }
}

fn read_only_banner(ui: &mut Ui) {
    egui::Frame::new()
        .fill(ui.visuals().warn_fg_color.gamma_multiply(0.25))
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(
                    "Read-only: changes cannot be saved to this file. Use File › Save as… for your own copy.",
                )
                .strong(),
            );
        });
    ui.add_space(4.0);
}
