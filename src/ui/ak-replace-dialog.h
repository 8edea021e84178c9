/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ak-account-session.h"

G_BEGIN_DECLS

#define AK_TYPE_REPLACE_DIALOG (ak_replace_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AkReplaceDialog, ak_replace_dialog, AK, REPLACE_DIALOG, AdwWindow)

AkReplaceDialog *ak_replace_dialog_new         (GtkWindow        *parent,
                                                AkAccountSession *session,
                                                AkKey            *key);
AkKey           *ak_replace_dialog_get_key     (AkReplaceDialog  *self);
AkKey           *ak_replace_dialog_get_new_key (AkReplaceDialog  *self);
gboolean         ak_replace_dialog_get_busy    (AkReplaceDialog  *self);
char            *ak_replace_dialog_derive_name (const char       *old_name);

G_END_DECLS
