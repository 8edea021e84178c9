/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ak-key.h"

G_BEGIN_DECLS

#define AK_TYPE_KEY_STATUS_CELL (ak_key_status_cell_get_type ())

G_DECLARE_FINAL_TYPE (AkKeyStatusCell, ak_key_status_cell, AK, KEY_STATUS_CELL, GtkWidget)

GtkWidget   *ak_key_status_cell_new              (void);
AkKey       *ak_key_status_cell_get_key          (AkKeyStatusCell *self);
void         ak_key_status_cell_set_key          (AkKeyStatusCell *self,
                                             AkKey       *key);
const char  *ak_key_status_cell_get_text         (AkKeyStatusCell *self);

AkKeyFlags   ak_key_status_cell_first_flag       (AkKeyFlags   flags);
guint        ak_key_status_cell_count_flags      (AkKeyFlags   flags);
guint        ak_key_status_cell_rank             (AkKeyFlags   flags);
char        *ak_key_status_cell_describe         (AkKeyFlags   flags);

G_END_DECLS
