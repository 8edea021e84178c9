/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *ak_preferences_dialog_present (GtkWindow *parent,
                                          GSettings *settings);

G_END_DECLS
