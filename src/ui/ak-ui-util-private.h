/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Helpers the dialogs share for their forms and lists; not API. */

char *_ak_entry_row_dup_text (AdwEntryRow *row);
void  _ak_form_set_busy      (GtkWidget   *form,
                              GtkSpinner  *spinner,
                              GtkWidget   *focus_target,
                              gboolean     busy);
void  _ak_tooltips_init      (void);
void  _ak_cell_set_tooltip    (GtkWidget   *widget,
                              const char  *text);
const char *_ak_cell_get_tooltip (GtkWidget *widget);
const char *_ak_password_row_get_text (AdwPasswordEntryRow *row);
GtkWidget *_ak_list_scroller_new (GtkWidget   *rows);

G_END_DECLS
