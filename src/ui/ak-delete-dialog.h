/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ak-confirmation.h"
#include "ak-key.h"

G_BEGIN_DECLS

AkConfirmation  *ak_delete_dialog_new         (AkKey    *key,
                                               gboolean  restorable,
                                               gboolean  signs_out);
AkConfirmation  *ak_delete_dialog_new_many    (GPtrArray *keys,
                                               GPtrArray *restorable,
                                               gboolean   signs_out);
GtkWidget       *ak_delete_dialog_new_details (AkKey    *key);

G_END_DECLS
