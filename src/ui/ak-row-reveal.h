/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AK_TYPE_ROW_REVEAL (ak_row_reveal_get_type ())

G_DECLARE_FINAL_TYPE (AkRowReveal, ak_row_reveal, AK, ROW_REVEAL, GObject)

AkRowReveal *ak_row_reveal_new     (GtkWidget   *view,
                                    GListModel  *rows);
void         ak_row_reveal_all     (AkRowReveal *self);

G_END_DECLS
