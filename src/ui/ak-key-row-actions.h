/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ak-key.h"

G_BEGIN_DECLS

#define AK_TYPE_KEY_ROW_ACTIONS (ak_key_row_actions_get_type ())

G_DECLARE_FINAL_TYPE (AkKeyRowActions, ak_key_row_actions, AK, KEY_ROW_ACTIONS, GtkWidget)

GtkWidget  *ak_key_row_actions_new        (void);
AkKey      *ak_key_row_actions_get_key    (AkKeyRowActions        *self);
void        ak_key_row_actions_set_key    (AkKeyRowActions        *self,
                                           AkKey                  *key);
void        ak_key_row_actions_popup_menu (AkKeyRowActions        *self,
                                           const graphene_point_t *point);
GtkPopover *ak_key_row_actions_get_menu   (AkKeyRowActions        *self);

G_END_DECLS
