/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ak-account-session.h"

G_BEGIN_DECLS

#define AK_TYPE_LOAD_PROGRESS (ak_load_progress_get_type ())

G_DECLARE_FINAL_TYPE (AkLoadProgress, ak_load_progress, AK, LOAD_PROGRESS, GtkWidget)

GtkWidget        *ak_load_progress_new               (void);
AkAccountSession *ak_load_progress_get_session       (AkLoadProgress   *self);
void              ak_load_progress_set_session       (AkLoadProgress   *self,
                                                      AkAccountSession *session);
const char       *ak_load_progress_get_progress_text (AkLoadProgress   *self);
const char       *ak_load_progress_get_failed_text   (AkLoadProgress   *self);

G_END_DECLS
