/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-key-details"

#include "config.h"

#include "ak-key-details.h"

/* What the server's lookups said about a key beyond its list entry: its
 * owner and its project, each either read (an AkDirectoryEntry) or not,
 * with the reason (a GError, usually AK_ERROR_PERMISSION for a member who
 * may not read another user). Neither read nor refused means the key names
 * none (an EC2 key without a project). The details view shows what is here
 * and says plainly what could not be read; it never fills in a guess. */

struct _AkKeyDetails
{
  GObject           parent_instance;

  /* Owned references */
  AkKey            *key;
  AkDirectoryEntry *owner;
  GError           *owner_error;
  AkDirectoryEntry *project;
  GError           *project_error;
};

G_DEFINE_FINAL_TYPE (AkKeyDetails, ak_key_details, G_TYPE_OBJECT)

static void
ak_key_details_finalize (GObject *object)
{
  AkKeyDetails *self = AK_KEY_DETAILS (object);

  g_clear_object (&self->key);
  g_clear_pointer (&self->owner, ak_directory_entry_unref);
  g_clear_error (&self->owner_error);
  g_clear_pointer (&self->project, ak_directory_entry_unref);
  g_clear_error (&self->project_error);

  G_OBJECT_CLASS (ak_key_details_parent_class)->finalize (object);
}

static void
ak_key_details_class_init (AkKeyDetailsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ak_key_details_finalize;
}

static void
ak_key_details_init (AkKeyDetails *self)
{
}

/**
 * ak_key_details_new:
 * @key: the key the details are about
 *
 * Returns: (transfer full): details with nothing looked up yet
 */
AkKeyDetails *
ak_key_details_new (AkKey *key)
{
  AkKeyDetails *self;

  g_return_val_if_fail (AK_IS_KEY (key), NULL);

  self = g_object_new (AK_TYPE_KEY_DETAILS, NULL);
  self->key = g_object_ref (key);

  return self;
}

AkKey *
ak_key_details_get_key (AkKeyDetails *self)
{
  g_return_val_if_fail (AK_IS_KEY_DETAILS (self), NULL);

  return self->key;
}

/**
 * ak_key_details_get_owner:
 * @self: an #AkKeyDetails
 *
 * Returns: (transfer none) (nullable): the owner as the server has it, or
 *   %NULL when it could not be read (ak_key_details_get_owner_error())
 */
AkDirectoryEntry *
ak_key_details_get_owner (AkKeyDetails *self)
{
  g_return_val_if_fail (AK_IS_KEY_DETAILS (self), NULL);

  return self->owner;
}

const GError *
ak_key_details_get_owner_error (AkKeyDetails *self)
{
  g_return_val_if_fail (AK_IS_KEY_DETAILS (self), NULL);

  return self->owner_error;
}

static void
set_entry (AkDirectoryEntry **slot,
           GError           **error_slot,
           AkDirectoryEntry  *entry,
           const GError      *error)
{
  g_clear_pointer (slot, ak_directory_entry_unref);
  g_clear_error (error_slot);

  if (entry != NULL)
    *slot = ak_directory_entry_ref (entry);
  if (error != NULL)
    *error_slot = g_error_copy (error);
}

/**
 * ak_key_details_set_owner:
 * @self: an #AkKeyDetails
 * @owner: (nullable): the owner, when read
 * @error: (nullable): why it could not be read
 */
void
ak_key_details_set_owner (AkKeyDetails     *self,
                          AkDirectoryEntry *owner,
                          const GError     *error)
{
  g_return_if_fail (AK_IS_KEY_DETAILS (self));

  set_entry (&self->owner, &self->owner_error, owner, error);
}

/**
 * ak_key_details_get_project:
 * @self: an #AkKeyDetails
 *
 * Returns: (transfer none) (nullable): the project as the server has it
 */
AkDirectoryEntry *
ak_key_details_get_project (AkKeyDetails *self)
{
  g_return_val_if_fail (AK_IS_KEY_DETAILS (self), NULL);

  return self->project;
}

const GError *
ak_key_details_get_project_error (AkKeyDetails *self)
{
  g_return_val_if_fail (AK_IS_KEY_DETAILS (self), NULL);

  return self->project_error;
}

/**
 * ak_key_details_set_project:
 * @self: an #AkKeyDetails
 * @project: (nullable): the project, when read
 * @error: (nullable): why it could not be read
 */
void
ak_key_details_set_project (AkKeyDetails     *self,
                            AkDirectoryEntry *project,
                            const GError     *error)
{
  g_return_if_fail (AK_IS_KEY_DETAILS (self));

  set_entry (&self->project, &self->project_error, project, error);
}
