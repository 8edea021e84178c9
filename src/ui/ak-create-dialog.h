/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ak-account-session.h"
#include "ak-provider.h"

G_BEGIN_DECLS

#define AK_TYPE_CREATE_DIALOG (ak_create_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AkCreateDialog, ak_create_dialog, AK, CREATE_DIALOG, AdwWindow)

AkCreateDialog *ak_create_dialog_new             (GtkWindow        *parent,
                                                  AkProvider       *provider);
AkCreateDialog *ak_create_dialog_new_for_session (GtkWindow        *parent,
                                                  AkAccountSession *session);
AkProvider     *ak_create_dialog_get_provider    (AkCreateDialog   *self);
gboolean        ak_create_dialog_get_busy        (AkCreateDialog   *self);

G_END_DECLS
