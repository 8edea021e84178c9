/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ak-deleted-key.h"

G_BEGIN_DECLS

AkDeletedKey *_ak_deleted_key_new           (AkKey        *key,
                                             AkSecret     *secret);
AkSecret     *_ak_deleted_key_get_secret    (AkDeletedKey *self);
void          _ak_deleted_key_forget_secret (AkDeletedKey *self);
void          _ak_deleted_key_set_restoring (AkDeletedKey *self,
                                             gboolean      restoring);

G_END_DECLS
