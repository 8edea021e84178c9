/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ak-key.h"
#include "ak-secret.h"

G_BEGIN_DECLS

#define AK_TYPE_DELETED_KEY (ak_deleted_key_get_type ())

/* A key this app deleted, in the session's Recently Deleted list. For an EC2
 * key it holds the secret, in memory only, so the key can be restored with
 * the same ID and secret; the secret is wiped when the entry goes (restore,
 * sign-out, the session's end). */
G_DECLARE_FINAL_TYPE (AkDeletedKey, ak_deleted_key, AK, DELETED_KEY, GObject)

AkKey      *ak_deleted_key_get_key        (AkDeletedKey *self);
GDateTime  *ak_deleted_key_get_deleted_at (AkDeletedKey *self);
gboolean    ak_deleted_key_get_restorable (AkDeletedKey *self);
gboolean    ak_deleted_key_get_restoring  (AkDeletedKey *self);

G_END_DECLS
