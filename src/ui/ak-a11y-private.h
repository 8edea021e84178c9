/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Accessible names and text GTK 4.8 and libadwaita 1.2 get wrong; not API. */

void _ak_a11y_init                      (void);
void _ak_column_view_cell_name_row      (GtkWidget     *cell_child,
                                         const char    *name);
void _ak_column_view_name_titles        (GtkColumnView *view);
void _ak_calendar_name_buttons          (GtkCalendar   *calendar);
void _ak_shortcuts_window_name_controls (GtkWindow     *window);

G_END_DECLS
