/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ak-key.h"

G_BEGIN_DECLS

/* What a change to a key was. */
typedef enum
{
  AK_KEY_OPERATION_DELETE,
  AK_KEY_OPERATION_RESTORE,
  AK_KEY_OPERATION_CREATE,
} AkKeyOperation;

#define AK_TYPE_KEY_OPERATION (ak_key_operation_get_type ())
GType ak_key_operation_get_type (void) G_GNUC_CONST;

/* How it ended, as far as the server says.
 *
 * DONE: deleted, restored or created. ALREADY_GONE: a delete found no such
 * key. NOT_ALLOWED: the account may not do it; the key is as it was. FAILED:
 * certainly not done (the server said so, or was asked afterwards); Retry
 * may help. CHECKING: the answer was lost, so the server is being asked what
 * happened; another result follows. UNKNOWN: the answer was lost and the
 * server could not be asked either. SECRET_LOST: a create whose answer was
 * lost did make the key, but its secret can no longer be shown. */
typedef enum
{
  AK_KEY_OUTCOME_DONE,
  AK_KEY_OUTCOME_ALREADY_GONE,
  AK_KEY_OUTCOME_NOT_ALLOWED,
  AK_KEY_OUTCOME_FAILED,
  AK_KEY_OUTCOME_CHECKING,
  AK_KEY_OUTCOME_UNKNOWN,
  AK_KEY_OUTCOME_SECRET_LOST,
} AkKeyOutcome;

#define AK_TYPE_KEY_OUTCOME (ak_key_outcome_get_type ())
GType ak_key_outcome_get_type (void) G_GNUC_CONST;

#define AK_TYPE_KEY_RESULT (ak_key_result_get_type ())

/* The result of one delete, restore or create, for the window to turn into
 * a toast (ak_key_result_dup_message()) and for a batch to list. */
G_DECLARE_FINAL_TYPE (AkKeyResult, ak_key_result, AK, KEY_RESULT, GObject)

AkKeyResult    *ak_key_result_new           (AkKeyOperation  operation,
                                             AkKeyOutcome    outcome,
                                             AkKey          *key,
                                             const GError   *error);
AkKeyOperation  ak_key_result_get_operation (AkKeyResult    *self);
AkKeyOutcome    ak_key_result_get_outcome   (AkKeyResult    *self);
AkKey          *ak_key_result_get_key       (AkKeyResult    *self);
const GError   *ak_key_result_get_error     (AkKeyResult    *self);
gboolean        ak_key_result_get_settled   (AkKeyResult    *self);
void            ak_key_result_set_settled   (AkKeyResult    *self,
                                             gboolean        settled);
const char     *ak_key_result_get_replaces  (AkKeyResult    *self);
void            ak_key_result_set_replaces  (AkKeyResult    *self,
                                             const char     *replaces);
gboolean        ak_key_result_is_final      (AkKeyResult    *self);
gboolean        ak_key_result_can_retry     (AkKeyResult    *self);
char           *ak_key_result_dup_message   (AkKeyResult    *self);

G_END_DECLS
