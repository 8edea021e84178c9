/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ak-key.h"

G_BEGIN_DECLS

#define AK_TYPE_KEY_STATUS (ak_key_status_get_type ())

G_DECLARE_FINAL_TYPE (AkKeyStatus, ak_key_status, AK, KEY_STATUS, GtkWidget)

GtkWidget   *ak_key_status_new              (void);
AkKey       *ak_key_status_get_key          (AkKeyStatus *self);
void         ak_key_status_set_key          (AkKeyStatus *self,
                                             AkKey       *key);
const char  *ak_key_status_get_text         (AkKeyStatus *self);

AkKeyFlags   ak_key_status_first_flag       (AkKeyFlags   flags);
guint        ak_key_status_count_flags      (AkKeyFlags   flags);
guint        ak_key_status_rank             (AkKeyFlags   flags);
char        *ak_key_status_describe         (AkKeyFlags   flags);

G_END_DECLS
