/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ak-account-session.h"

G_BEGIN_DECLS

#define AK_TYPE_KEY_DETAILS_PANE (ak_key_details_pane_get_type ())

G_DECLARE_FINAL_TYPE (AkKeyDetailsPane, ak_key_details_pane, AK, KEY_DETAILS_PANE, GtkWidget)

GtkWidget        *ak_key_details_pane_new         (void);
AkAccountSession *ak_key_details_pane_get_session (AkKeyDetailsPane *self);
void              ak_key_details_pane_set_session (AkKeyDetailsPane *self,
                                                   AkAccountSession *session);
AkKey            *ak_key_details_pane_get_key     (AkKeyDetailsPane *self);
void              ak_key_details_pane_set_key     (AkKeyDetailsPane *self,
                                                   AkKey            *key);
gboolean          ak_key_details_pane_get_loading (AkKeyDetailsPane *self);
gboolean          ak_key_details_pane_get_narrow  (AkKeyDetailsPane *self);
void              ak_key_details_pane_set_narrow  (AkKeyDetailsPane *self,
                                                   gboolean          narrow);

G_END_DECLS
