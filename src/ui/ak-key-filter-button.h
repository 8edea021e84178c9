/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ak-key-filter.h"

G_BEGIN_DECLS

#define AK_TYPE_KEY_FILTER_BUTTON (ak_key_filter_button_get_type ())

G_DECLARE_FINAL_TYPE (AkKeyFilterButton, ak_key_filter_button, AK, KEY_FILTER_BUTTON, GtkWidget)

GtkWidget   *ak_key_filter_button_new        (void);
AkKeyFilter *ak_key_filter_button_get_filter (AkKeyFilterButton *self);
void         ak_key_filter_button_set_filter (AkKeyFilterButton *self,
                                              AkKeyFilter       *filter);
GMenuModel  *ak_key_filter_button_get_menu   (AkKeyFilterButton *self);

G_END_DECLS
